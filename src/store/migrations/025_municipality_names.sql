-- 025: one name for each municipality (issue 13, item 3). Municipalities
-- were free text, so "Loviisa" and "Lovisa" were two places: a client in
-- Lovisa found no provider approved in Loviisa. From now on the app takes
-- a municipality only from the official list (app/municipality.h) and
-- stores its Finnish name; this migration turns the Swedish names already
-- stored into the Finnish ones. The pairs are the classification of 2024
-- (Statistics Finland), the names that differ between the two languages.
-- A value on neither list is left as it was: the forms show it and ask
-- for a municipality from the list when the record is next saved.

CREATE TEMP TABLE municipality_sv (sv TEXT PRIMARY KEY, fi TEXT NOT NULL);
INSERT INTO municipality_sv (sv, fi) VALUES
	('Ackas', 'Akaa'),
	('Alavo', 'Alavus'),
	('Birkala', 'Pirkkala'),
	('Björneborg', 'Pori'),
	('Borgnäs', 'Pornainen'),
	('Borgå', 'Porvoo'),
	('Brahestad', 'Raahe'),
	('Bötom', 'Karijoki'),
	('Enare', 'Inari'),
	('Enontekis', 'Enontekiö'),
	('Esbo', 'Espoo'),
	('Etseri', 'Ähtäri'),
	('Euraåminne', 'Eurajoki'),
	('Fredrikshamn', 'Hamina'),
	('Grankulla', 'Kauniainen'),
	('Gustav Adolfs', 'Hartola'),
	('Gustavs', 'Kustavi'),
	('Halso', 'Halsua'),
	('Hangö', 'Hanko'),
	('Helsingfors', 'Helsinki'),
	('Hyvinge', 'Hyvinkää'),
	('Högfors', 'Karkkila'),
	('Idensalmi', 'Iisalmi'),
	('Ijo', 'Ii'),
	('Ikalis', 'Ikaalinen'),
	('Ilmola', 'Ilmajoki'),
	('Ilomants', 'Ilomantsi'),
	('Ingå', 'Inkoo'),
	('Itis', 'Iitti'),
	('Jakobstad', 'Pietarsaari'),
	('Jockis', 'Jokioinen'),
	('Jorois', 'Joroinen'),
	('Juga', 'Juuka'),
	('Kajana', 'Kajaani'),
	('Karleby', 'Kokkola'),
	('Karlö', 'Hailuoto'),
	('Kaskö', 'Kaskinen'),
	('Kaustby', 'Kaustinen'),
	('Kervo', 'Kerava'),
	('Keuru', 'Keuruu'),
	('Kides', 'Kitee'),
	('Kimitoön', 'Kemiönsaari'),
	('Kontiolax', 'Kontiolahti'),
	('Korsholm', 'Mustasaari'),
	('Koskis', 'Koski Tl'),
	('Kristinestad', 'Kristiinankaupunki'),
	('Kronoby', 'Kruunupyy'),
	('Kuhmois', 'Kuhmoinen'),
	('Kumo', 'Kokemäki'),
	('Kyrkslätt', 'Kirkkonummi'),
	('Lahtis', 'Lahti'),
	('Laihela', 'Laihia'),
	('Lappo', 'Lapua'),
	('Lappträsk', 'Lapinjärvi'),
	('Larsmo', 'Luoto'),
	('Laukas', 'Laukaa'),
	('Letala', 'Laitila'),
	('Libelits', 'Liperi'),
	('Limingo', 'Liminka'),
	('Lojo', 'Lohja'),
	('Lovisa', 'Loviisa'),
	('Lundo', 'Lieto'),
	('Malax', 'Maalahti'),
	('Mariehamn', 'Maarianhamina - Mariehamn'),
	('Mörskom', 'Myrskylä'),
	('Nousis', 'Nousiainen'),
	('Nykarleby', 'Uusikaarlepyy'),
	('Nyslott', 'Savonlinna'),
	('Nystad', 'Uusikaupunki'),
	('Närpes', 'Närpiö'),
	('Nådendal', 'Naantali'),
	('Pargas', 'Parainen'),
	('Pedersöre', 'Pedersören kunta'),
	('Pemar', 'Paimio'),
	('Pyttis', 'Pyhtää'),
	('Påmark', 'Pomarkku'),
	('Raseborg', 'Raasepori'),
	('Raumo', 'Rauma'),
	('Reso', 'Raisio'),
	('Ruokolax', 'Ruokolahti'),
	('S:t Karins', 'Kaarina'),
	('S:t Michel', 'Mikkeli'),
	('S:t Mårtens', 'Marttila'),
	('Sagu', 'Sauvo'),
	('Sastmola', 'Merikarvia'),
	('Sibbo', 'Sipoo'),
	('Siikais', 'Siikainen'),
	('Sjundeå', 'Siuntio'),
	('Storkyro', 'Isokyrö'),
	('Storå', 'Isojoki'),
	('Tammerfors', 'Tampere'),
	('Tavastehus', 'Hämeenlinna'),
	('Tavastkyro', 'Hämeenkyrö'),
	('Torneå', 'Tornio'),
	('Träskända', 'Järvenpää'),
	('Tusby', 'Tuusula'),
	('Tövsala', 'Taivassalo'),
	('Uleåborg', 'Oulu'),
	('Ulvsby', 'Ulvila'),
	('Vanda', 'Vantaa'),
	('Vasa', 'Vaasa'),
	('Vederlax', 'Virolahti'),
	('Vemo', 'Vehmaa'),
	('Vetil', 'Veteli'),
	('Vichtis', 'Vihti'),
	('Villmanstrand', 'Lappeenranta'),
	('Vindala', 'Vimpeli'),
	('Virdois', 'Virrat'),
	('Virmo', 'Mynämäki'),
	('Vittis', 'Huittinen'),
	('Vörå', 'Vöyri'),
	('Åbo', 'Turku'),
	('Östermark', 'Teuva'),
	('Övertorneå', 'Ylitornio');

UPDATE client SET municipality =
	(SELECT fi FROM municipality_sv WHERE sv = client.municipality)
	WHERE municipality IN (SELECT sv FROM municipality_sv);
UPDATE provider_location SET municipality =
	(SELECT fi FROM municipality_sv WHERE sv = provider_location.municipality)
	WHERE municipality IN (SELECT sv FROM municipality_sv);
-- an area or approval kept under both names stays twice rather than fail
UPDATE OR IGNORE provider_area SET municipality =
	(SELECT fi FROM municipality_sv WHERE sv = provider_area.municipality)
	WHERE municipality IN (SELECT sv FROM municipality_sv);
UPDATE OR IGNORE approval SET municipality =
	(SELECT fi FROM municipality_sv WHERE sv = approval.municipality)
	WHERE municipality IN (SELECT sv FROM municipality_sv);
DROP TABLE municipality_sv;
