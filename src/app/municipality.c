/*
 * app/municipality.c: the official list of municipalities (municipality.h).
 *
 * The codes and the Finnish and Swedish names are Statistics Finland's
 * classification "Kunnat ja kuntapohjaiset aluejaot 2024" (open data,
 * CC BY 4.0), 308 municipalities; no municipality was founded, merged or
 * renamed for 2025. A change in a later year is a change to this table
 * and to its two orders below (each the table's indexes sorted by the
 * name of that language, as the "fi" collation sorts), and its test.
 */
#include <string.h>

#include "app/municipality.h"
#include "store/collate.h"

static const struct bud_municipality list[BUD_MUNICIPALITIES] = {
	{"005", "Alajärvi", "Alajärvi"},
	{"009", "Alavieska", "Alavieska"},
	{"010", "Alavus", "Alavo"},
	{"016", "Asikkala", "Asikkala"},
	{"018", "Askola", "Askola"},
	{"019", "Aura", "Aura"},
	{"020", "Akaa", "Ackas"},
	{"035", "Brändö", "Brändö"},
	{"043", "Eckerö", "Eckerö"},
	{"046", "Enonkoski", "Enonkoski"},
	{"047", "Enontekiö", "Enontekis"},
	{"049", "Espoo", "Esbo"},
	{"050", "Eura", "Eura"},
	{"051", "Eurajoki", "Euraåminne"},
	{"052", "Evijärvi", "Evijärvi"},
	{"060", "Finström", "Finström"},
	{"061", "Forssa", "Forssa"},
	{"062", "Föglö", "Föglö"},
	{"065", "Geta", "Geta"},
	{"069", "Haapajärvi", "Haapajärvi"},
	{"071", "Haapavesi", "Haapavesi"},
	{"072", "Hailuoto", "Karlö"},
	{"074", "Halsua", "Halso"},
	{"075", "Hamina", "Fredrikshamn"},
	{"076", "Hammarland", "Hammarland"},
	{"077", "Hankasalmi", "Hankasalmi"},
	{"078", "Hanko", "Hangö"},
	{"079", "Harjavalta", "Harjavalta"},
	{"081", "Hartola", "Gustav Adolfs"},
	{"082", "Hattula", "Hattula"},
	{"086", "Hausjärvi", "Hausjärvi"},
	{"090", "Heinävesi", "Heinävesi"},
	{"091", "Helsinki", "Helsingfors"},
	{"092", "Vantaa", "Vanda"},
	{"097", "Hirvensalmi", "Hirvensalmi"},
	{"098", "Hollola", "Hollola"},
	{"102", "Huittinen", "Vittis"},
	{"103", "Humppila", "Humppila"},
	{"105", "Hyrynsalmi", "Hyrynsalmi"},
	{"106", "Hyvinkää", "Hyvinge"},
	{"108", "Hämeenkyrö", "Tavastkyro"},
	{"109", "Hämeenlinna", "Tavastehus"},
	{"111", "Heinola", "Heinola"},
	{"139", "Ii", "Ijo"},
	{"140", "Iisalmi", "Idensalmi"},
	{"142", "Iitti", "Itis"},
	{"143", "Ikaalinen", "Ikalis"},
	{"145", "Ilmajoki", "Ilmola"},
	{"146", "Ilomantsi", "Ilomants"},
	{"148", "Inari", "Enare"},
	{"149", "Inkoo", "Ingå"},
	{"151", "Isojoki", "Storå"},
	{"152", "Isokyrö", "Storkyro"},
	{"153", "Imatra", "Imatra"},
	{"165", "Janakkala", "Janakkala"},
	{"167", "Joensuu", "Joensuu"},
	{"169", "Jokioinen", "Jockis"},
	{"170", "Jomala", "Jomala"},
	{"171", "Joroinen", "Jorois"},
	{"172", "Joutsa", "Joutsa"},
	{"176", "Juuka", "Juga"},
	{"177", "Juupajoki", "Juupajoki"},
	{"178", "Juva", "Juva"},
	{"179", "Jyväskylä", "Jyväskylä"},
	{"181", "Jämijärvi", "Jämijärvi"},
	{"182", "Jämsä", "Jämsä"},
	{"186", "Järvenpää", "Träskända"},
	{"202", "Kaarina", "S:t Karins"},
	{"204", "Kaavi", "Kaavi"},
	{"205", "Kajaani", "Kajana"},
	{"208", "Kalajoki", "Kalajoki"},
	{"211", "Kangasala", "Kangasala"},
	{"213", "Kangasniemi", "Kangasniemi"},
	{"214", "Kankaanpää", "Kankaanpää"},
	{"216", "Kannonkoski", "Kannonkoski"},
	{"217", "Kannus", "Kannus"},
	{"218", "Karijoki", "Bötom"},
	{"224", "Karkkila", "Högfors"},
	{"226", "Karstula", "Karstula"},
	{"230", "Karvia", "Karvia"},
	{"231", "Kaskinen", "Kaskö"},
	{"232", "Kauhajoki", "Kauhajoki"},
	{"233", "Kauhava", "Kauhava"},
	{"235", "Kauniainen", "Grankulla"},
	{"236", "Kaustinen", "Kaustby"},
	{"239", "Keitele", "Keitele"},
	{"240", "Kemi", "Kemi"},
	{"241", "Keminmaa", "Keminmaa"},
	{"244", "Kempele", "Kempele"},
	{"245", "Kerava", "Kervo"},
	{"249", "Keuruu", "Keuru"},
	{"250", "Kihniö", "Kihniö"},
	{"256", "Kinnula", "Kinnula"},
	{"257", "Kirkkonummi", "Kyrkslätt"},
	{"260", "Kitee", "Kides"},
	{"261", "Kittilä", "Kittilä"},
	{"263", "Kiuruvesi", "Kiuruvesi"},
	{"265", "Kivijärvi", "Kivijärvi"},
	{"271", "Kokemäki", "Kumo"},
	{"272", "Kokkola", "Karleby"},
	{"273", "Kolari", "Kolari"},
	{"275", "Konnevesi", "Konnevesi"},
	{"276", "Kontiolahti", "Kontiolax"},
	{"280", "Korsnäs", "Korsnäs"},
	{"284", "Koski Tl", "Koskis"},
	{"285", "Kotka", "Kotka"},
	{"286", "Kouvola", "Kouvola"},
	{"287", "Kristiinankaupunki", "Kristinestad"},
	{"288", "Kruunupyy", "Kronoby"},
	{"290", "Kuhmo", "Kuhmo"},
	{"291", "Kuhmoinen", "Kuhmois"},
	{"295", "Kumlinge", "Kumlinge"},
	{"297", "Kuopio", "Kuopio"},
	{"300", "Kuortane", "Kuortane"},
	{"301", "Kurikka", "Kurikka"},
	{"304", "Kustavi", "Gustavs"},
	{"305", "Kuusamo", "Kuusamo"},
	{"309", "Outokumpu", "Outokumpu"},
	{"312", "Kyyjärvi", "Kyyjärvi"},
	{"316", "Kärkölä", "Kärkölä"},
	{"317", "Kärsämäki", "Kärsämäki"},
	{"318", "Kökar", "Kökar"},
	{"320", "Kemijärvi", "Kemijärvi"},
	{"322", "Kemiönsaari", "Kimitoön"},
	{"398", "Lahti", "Lahtis"},
	{"399", "Laihia", "Laihela"},
	{"400", "Laitila", "Letala"},
	{"402", "Lapinlahti", "Lapinlahti"},
	{"403", "Lappajärvi", "Lappajärvi"},
	{"405", "Lappeenranta", "Villmanstrand"},
	{"407", "Lapinjärvi", "Lappträsk"},
	{"408", "Lapua", "Lappo"},
	{"410", "Laukaa", "Laukas"},
	{"416", "Lemi", "Lemi"},
	{"417", "Lemland", "Lemland"},
	{"418", "Lempäälä", "Lempäälä"},
	{"420", "Leppävirta", "Leppävirta"},
	{"421", "Lestijärvi", "Lestijärvi"},
	{"422", "Lieksa", "Lieksa"},
	{"423", "Lieto", "Lundo"},
	{"425", "Liminka", "Limingo"},
	{"426", "Liperi", "Libelits"},
	{"430", "Loimaa", "Loimaa"},
	{"433", "Loppi", "Loppi"},
	{"434", "Loviisa", "Lovisa"},
	{"435", "Luhanka", "Luhanka"},
	{"436", "Lumijoki", "Lumijoki"},
	{"438", "Lumparland", "Lumparland"},
	{"440", "Luoto", "Larsmo"},
	{"441", "Luumäki", "Luumäki"},
	{"444", "Lohja", "Lojo"},
	{"445", "Parainen", "Pargas"},
	{"475", "Maalahti", "Malax"},
	{"478", "Maarianhamina - Mariehamn", "Mariehamn"},
	{"480", "Marttila", "S:t Mårtens"},
	{"481", "Masku", "Masku"},
	{"483", "Merijärvi", "Merijärvi"},
	{"484", "Merikarvia", "Sastmola"},
	{"489", "Miehikkälä", "Miehikkälä"},
	{"491", "Mikkeli", "S:t Michel"},
	{"494", "Muhos", "Muhos"},
	{"495", "Multia", "Multia"},
	{"498", "Muonio", "Muonio"},
	{"499", "Mustasaari", "Korsholm"},
	{"500", "Muurame", "Muurame"},
	{"503", "Mynämäki", "Virmo"},
	{"504", "Myrskylä", "Mörskom"},
	{"505", "Mäntsälä", "Mäntsälä"},
	{"507", "Mäntyharju", "Mäntyharju"},
	{"508", "Mänttä-Vilppula", "Mänttä-Vilppula"},
	{"529", "Naantali", "Nådendal"},
	{"531", "Nakkila", "Nakkila"},
	{"535", "Nivala", "Nivala"},
	{"536", "Nokia", "Nokia"},
	{"538", "Nousiainen", "Nousis"},
	{"541", "Nurmes", "Nurmes"},
	{"543", "Nurmijärvi", "Nurmijärvi"},
	{"545", "Närpiö", "Närpes"},
	{"560", "Orimattila", "Orimattila"},
	{"561", "Oripää", "Oripää"},
	{"562", "Orivesi", "Orivesi"},
	{"563", "Oulainen", "Oulainen"},
	{"564", "Oulu", "Uleåborg"},
	{"576", "Padasjoki", "Padasjoki"},
	{"577", "Paimio", "Pemar"},
	{"578", "Paltamo", "Paltamo"},
	{"580", "Parikkala", "Parikkala"},
	{"581", "Parkano", "Parkano"},
	{"583", "Pelkosenniemi", "Pelkosenniemi"},
	{"584", "Perho", "Perho"},
	{"592", "Petäjävesi", "Petäjävesi"},
	{"593", "Pieksämäki", "Pieksämäki"},
	{"595", "Pielavesi", "Pielavesi"},
	{"598", "Pietarsaari", "Jakobstad"},
	{"599", "Pedersören kunta", "Pedersöre"},
	{"601", "Pihtipudas", "Pihtipudas"},
	{"604", "Pirkkala", "Birkala"},
	{"607", "Polvijärvi", "Polvijärvi"},
	{"608", "Pomarkku", "Påmark"},
	{"609", "Pori", "Björneborg"},
	{"611", "Pornainen", "Borgnäs"},
	{"614", "Posio", "Posio"},
	{"615", "Pudasjärvi", "Pudasjärvi"},
	{"616", "Pukkila", "Pukkila"},
	{"619", "Punkalaidun", "Punkalaidun"},
	{"620", "Puolanka", "Puolanka"},
	{"623", "Puumala", "Puumala"},
	{"624", "Pyhtää", "Pyttis"},
	{"625", "Pyhäjoki", "Pyhäjoki"},
	{"626", "Pyhäjärvi", "Pyhäjärvi"},
	{"630", "Pyhäntä", "Pyhäntä"},
	{"631", "Pyhäranta", "Pyhäranta"},
	{"635", "Pälkäne", "Pälkäne"},
	{"636", "Pöytyä", "Pöytyä"},
	{"638", "Porvoo", "Borgå"},
	{"678", "Raahe", "Brahestad"},
	{"680", "Raisio", "Reso"},
	{"681", "Rantasalmi", "Rantasalmi"},
	{"683", "Ranua", "Ranua"},
	{"684", "Rauma", "Raumo"},
	{"686", "Rautalampi", "Rautalampi"},
	{"687", "Rautavaara", "Rautavaara"},
	{"689", "Rautjärvi", "Rautjärvi"},
	{"691", "Reisjärvi", "Reisjärvi"},
	{"694", "Riihimäki", "Riihimäki"},
	{"697", "Ristijärvi", "Ristijärvi"},
	{"698", "Rovaniemi", "Rovaniemi"},
	{"700", "Ruokolahti", "Ruokolax"},
	{"702", "Ruovesi", "Ruovesi"},
	{"704", "Rusko", "Rusko"},
	{"707", "Rääkkylä", "Rääkkylä"},
	{"710", "Raasepori", "Raseborg"},
	{"729", "Saarijärvi", "Saarijärvi"},
	{"732", "Salla", "Salla"},
	{"734", "Salo", "Salo"},
	{"736", "Saltvik", "Saltvik"},
	{"738", "Sauvo", "Sagu"},
	{"739", "Savitaipale", "Savitaipale"},
	{"740", "Savonlinna", "Nyslott"},
	{"742", "Savukoski", "Savukoski"},
	{"743", "Seinäjoki", "Seinäjoki"},
	{"746", "Sievi", "Sievi"},
	{"747", "Siikainen", "Siikais"},
	{"748", "Siikajoki", "Siikajoki"},
	{"749", "Siilinjärvi", "Siilinjärvi"},
	{"751", "Simo", "Simo"},
	{"753", "Sipoo", "Sibbo"},
	{"755", "Siuntio", "Sjundeå"},
	{"758", "Sodankylä", "Sodankylä"},
	{"759", "Soini", "Soini"},
	{"761", "Somero", "Somero"},
	{"762", "Sonkajärvi", "Sonkajärvi"},
	{"765", "Sotkamo", "Sotkamo"},
	{"766", "Sottunga", "Sottunga"},
	{"768", "Sulkava", "Sulkava"},
	{"771", "Sund", "Sund"},
	{"777", "Suomussalmi", "Suomussalmi"},
	{"778", "Suonenjoki", "Suonenjoki"},
	{"781", "Sysmä", "Sysmä"},
	{"783", "Säkylä", "Säkylä"},
	{"785", "Vaala", "Vaala"},
	{"790", "Sastamala", "Sastamala"},
	{"791", "Siikalatva", "Siikalatva"},
	{"831", "Taipalsaari", "Taipalsaari"},
	{"832", "Taivalkoski", "Taivalkoski"},
	{"833", "Taivassalo", "Tövsala"},
	{"834", "Tammela", "Tammela"},
	{"837", "Tampere", "Tammerfors"},
	{"844", "Tervo", "Tervo"},
	{"845", "Tervola", "Tervola"},
	{"846", "Teuva", "Östermark"},
	{"848", "Tohmajärvi", "Tohmajärvi"},
	{"849", "Toholampi", "Toholampi"},
	{"850", "Toivakka", "Toivakka"},
	{"851", "Tornio", "Torneå"},
	{"853", "Turku", "Åbo"},
	{"854", "Pello", "Pello"},
	{"857", "Tuusniemi", "Tuusniemi"},
	{"858", "Tuusula", "Tusby"},
	{"859", "Tyrnävä", "Tyrnävä"},
	{"886", "Ulvila", "Ulvsby"},
	{"887", "Urjala", "Urjala"},
	{"889", "Utajärvi", "Utajärvi"},
	{"890", "Utsjoki", "Utsjoki"},
	{"892", "Uurainen", "Uurainen"},
	{"893", "Uusikaarlepyy", "Nykarleby"},
	{"895", "Uusikaupunki", "Nystad"},
	{"905", "Vaasa", "Vasa"},
	{"908", "Valkeakoski", "Valkeakoski"},
	{"915", "Varkaus", "Varkaus"},
	{"918", "Vehmaa", "Vemo"},
	{"921", "Vesanto", "Vesanto"},
	{"922", "Vesilahti", "Vesilahti"},
	{"924", "Veteli", "Vetil"},
	{"925", "Vieremä", "Vieremä"},
	{"927", "Vihti", "Vichtis"},
	{"931", "Viitasaari", "Viitasaari"},
	{"934", "Vimpeli", "Vindala"},
	{"935", "Virolahti", "Vederlax"},
	{"936", "Virrat", "Virdois"},
	{"941", "Vårdö", "Vårdö"},
	{"946", "Vöyri", "Vörå"},
	{"976", "Ylitornio", "Övertorneå"},
	{"977", "Ylivieska", "Ylivieska"},
	{"980", "Ylöjärvi", "Ylöjärvi"},
	{"981", "Ypäjä", "Ypäjä"},
	{"989", "Ähtäri", "Etseri"},
	{"992", "Äänekoski", "Äänekoski"},
};

static const unsigned short by_fi[BUD_MUNICIPALITIES] = {
	6, 0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11,
	12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
	24, 25, 26, 27, 28, 29, 30, 42, 31, 32, 34, 35,
	36, 37, 38, 39, 40, 41, 43, 44, 45, 46, 47, 48,
	53, 49, 50, 51, 52, 54, 55, 56, 57, 58, 59, 60,
	61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72,
	73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84,
	85, 86, 122, 87, 123, 88, 89, 90, 91, 92, 93, 94,
	95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106,
	107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 118, 119,
	120, 121, 124, 125, 126, 130, 127, 128, 129, 131, 132, 133,
	134, 135, 136, 137, 138, 139, 140, 141, 150, 142, 143, 144,
	145, 146, 147, 148, 149, 152, 153, 154, 155, 156, 157, 158,
	159, 160, 161, 162, 163, 164, 165, 166, 167, 169, 168, 170,
	171, 172, 173, 174, 175, 176, 177, 178, 179, 180, 181, 182,
	117, 183, 184, 185, 151, 186, 187, 194, 188, 276, 189, 190,
	191, 192, 193, 195, 196, 197, 198, 199, 200, 214, 201, 202,
	203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 215,
	231, 216, 217, 218, 219, 220, 221, 222, 223, 224, 225, 226,
	227, 228, 229, 230, 232, 233, 234, 235, 261, 236, 237, 238,
	239, 240, 241, 242, 243, 262, 244, 245, 246, 247, 248, 249,
	250, 251, 252, 253, 254, 255, 256, 257, 258, 259, 263, 264,
	265, 266, 267, 268, 269, 270, 271, 272, 273, 274, 275, 277,
	278, 279, 280, 281, 282, 283, 284, 285, 286, 260, 287, 288,
	33, 289, 290, 291, 292, 293, 294, 295, 296, 297, 298, 299,
	300, 301, 302, 303, 304, 305, 306, 307,
};

static const unsigned short by_sv[BUD_MUNICIPALITIES] = {
	6, 0, 1, 2, 3, 4, 5, 196, 199, 200, 214, 215,
	7, 76, 8, 49, 9, 10, 11, 306, 12, 13, 14, 15,
	16, 23, 17, 18, 83, 28, 115, 19, 20, 22, 24, 26,
	25, 27, 29, 30, 42, 31, 32, 34, 35, 37, 38, 39,
	77, 44, 43, 46, 47, 48, 53, 50, 45, 193, 54, 56,
	55, 57, 58, 59, 60, 61, 62, 63, 64, 65, 68, 69,
	70, 71, 72, 73, 74, 75, 99, 21, 78, 79, 80, 81,
	82, 84, 85, 86, 122, 87, 88, 89, 90, 94, 91, 123,
	92, 95, 96, 97, 100, 101, 102, 163, 103, 104, 105, 106,
	107, 108, 109, 110, 111, 98, 112, 113, 114, 116, 93, 118,
	119, 120, 121, 124, 125, 127, 128, 131, 130, 148, 132, 133,
	134, 135, 136, 137, 126, 141, 138, 140, 142, 150, 143, 144,
	145, 146, 147, 139, 149, 152, 153, 155, 156, 158, 160, 161,
	162, 164, 167, 169, 168, 166, 171, 172, 173, 174, 175, 176,
	285, 238, 286, 170, 177, 178, 179, 180, 181, 117, 183, 185,
	151, 186, 187, 194, 188, 276, 184, 189, 190, 191, 192, 195,
	197, 201, 202, 203, 204, 205, 206, 208, 209, 210, 211, 207,
	198, 212, 213, 217, 218, 231, 219, 220, 221, 222, 223, 216,
	224, 225, 226, 227, 228, 229, 230, 67, 159, 154, 232, 236,
	233, 234, 235, 261, 157, 237, 239, 240, 246, 241, 242, 243,
	262, 244, 245, 247, 248, 249, 250, 251, 252, 253, 52, 51,
	254, 255, 256, 257, 258, 259, 263, 264, 266, 267, 41, 40,
	268, 269, 271, 272, 273, 274, 66, 278, 277, 279, 265, 182,
	280, 281, 282, 283, 284, 260, 288, 33, 289, 287, 298, 290,
	291, 292, 293, 295, 294, 296, 129, 297, 299, 165, 36, 300,
	301, 303, 304, 305, 275, 307, 270, 302,
};

/* s without white space at either end: start and length. */
static const char *trimmed(const char *s, size_t *n)
{
	size_t len;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
			   s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	*n = len;
	return s;
}

static int same(const char *name, const char *s, size_t n)
{
	return bud_collate_fi(name, strlen(name), s, n) == 0;
}

const struct bud_municipality *bud_municipality_find(const char *s)
{
	size_t n, i;

	if (!s)
		return NULL;
	s = trimmed(s, &n);
	if (n == 0)
		return NULL;
	for (i = 0; i < BUD_MUNICIPALITIES; i++)
		if ((strlen(list[i].code) == n && memcmp(list[i].code, s, n) == 0) ||
		    same(list[i].fi, s, n) || same(list[i].sv, s, n))
			return &list[i];
	if (same("Maarianhamina", s, n))
		return bud_municipality_find("478");
	return NULL;
}

const char *bud_municipality_name(const struct bud_municipality *m, const char *lang)
{
	return lang && strcmp(lang, "sv") == 0 ? m->sv : m->fi;
}

const struct bud_municipality *bud_municipality_at(size_t i, const char *lang)
{
	if (i >= BUD_MUNICIPALITIES)
		return NULL;
	return &list[lang && strcmp(lang, "sv") == 0 ? by_sv[i] : by_fi[i]];
}

const char *bud_municipality_show(const char *stored, const char *lang)
{
	size_t i;

	if (!stored)
		return "";
	for (i = 0; i < BUD_MUNICIPALITIES; i++)
		if (strcmp(list[i].fi, stored) == 0)
			return bud_municipality_name(&list[i], lang);
	return stored;
}

int bud_municipality_check(const char *in, int optional, const char **canon,
			   const char *field, bud_err *err)
{
	const struct bud_municipality *m;
	size_t n;

	trimmed(in ? in : "", &n);
	if (n == 0) {
		*canon = "";
		if (optional)
			return BUD_OK;
		return bud_err_set(err, BUD_EINVAL, field, "err.required",
				   "%s is required", field);
	}
	if (!(m = bud_municipality_find(in)))
		return bud_err_set(err, BUD_EINVAL, field, "err.municipality.unknown",
				   "%s is not a municipality of Finland", field);
	*canon = m->fi;
	return BUD_OK;
}
