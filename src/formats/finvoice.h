/*
 * formats/finvoice.h: reading Finvoice 3.0 e-invoices (how providers invoice
 * the organiser) into a struct, and checking them.
 *
 * Input: the bytes as received, ISO-8859-15 or UTF-8 (the XML declaration
 * says which), optionally with the SOAP/ebXML transport frame in front (two
 * XML documents back to back, the frame first): the frame is split off and
 * its MessageId kept. Output strings are UTF-8.
 *
 * One pass reports every problem, each with its element path and a reason:
 *  - validity against the Finvoice 3.0 schema (embedded);
 *  - identifiers with check digits: Y-tunnus of seller and buyer, OVT
 *    addresses, IBAN and BIC, the payment reference (viitenumero or RF);
 *  - dates that exist, due date not before the invoice date;
 *  - sums: each row's VAT-excluded amount plus VAT is the row amount; a
 *    simple row's quantity × unit price is its VAT-excluded amount; the rows
 *    add up to RowsTotalVatExcludedAmount; rows - discounts + charges is the
 *    VAT-excluded total; VAT-excluded total + VAT + roundoff is the total;
 *    the VAT breakdown adds up to the VAT total and the VAT-excluded total;
 *    the amount to pay is the total less what was already paid;
 *  - one currency, EUR, for every amount read.
 *
 * Numbers: amounts are cents (bud_cents); Finvoice writes them with a
 * decimal comma ("900,00") and up to five decimals, of which only two may be
 * non-zero here. Unit prices keep all five (unit_price_e5, 1/100 000 €) and
 * are also given rounded to cents. Quantities are int64 thousandths
 * (qty_milli: "1,5" is 1500; a decimal comma or point; more than three
 * non-zero decimals is a problem), with the text as written in qty_text.
 * VAT rates are thousandths of a percent ("25,5" is 25500).
 *
 * Strings are NULL when the element is absent; dates are "YYYY-MM-DD" or ""
 * when absent. Everything belongs to the bud_finvoice and is freed with it.
 */
#ifndef BUD_FORMATS_FINVOICE_H
#define BUD_FORMATS_FINVOICE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/ids.h"
#include "core/money.h"
#include "formats/fmt.h"

/* Which optional numbers are present (the `has` bits of rows, VAT lines and
 * the invoice). */
enum bud_fv_has {
	/* rows and VAT lines */
	BUD_FV_QTY		= 1u << 0,
	BUD_FV_UNIT_PRICE	= 1u << 1,
	BUD_FV_VAT_RATE		= 1u << 2,
	BUD_FV_VAT		= 1u << 3,	/* row VAT, VAT line amount */
	BUD_FV_VAT_EXCL		= 1u << 4,	/* row VAT-excluded, VAT line base */
	BUD_FV_AMOUNT		= 1u << 5,
	BUD_FV_DISCOUNT		= 1u << 6,	/* a row discount (amount or percent) */
	BUD_FV_CHARGES		= 1u << 7,	/* row charges or a base quantity */
	/* invoice totals */
	BUD_FV_ROWS_TOTAL	= 1u << 8,
	BUD_FV_DISCOUNTS_TOTAL	= 1u << 9,
	BUD_FV_CHARGES_TOTAL	= 1u << 10,
	BUD_FV_TOTAL_EXCL	= 1u << 11,
	BUD_FV_TOTAL_VAT	= 1u << 12,
	BUD_FV_TOTAL_INCL	= 1u << 13,
	BUD_FV_ROUNDOFF		= 1u << 14,
	BUD_FV_PAID		= 1u << 15,
	BUD_FV_PAY_AMOUNT	= 1u << 16,
};

struct bud_fv_party {
	const char *id;		/* PartyIdentifier as written (Y-tunnus) */
	const char *name;	/* OrganisationName lines joined by a space */
	const char *vat_id;	/* OrganisationTaxCode, "FI12345678" */
	const char *ovt;	/* OrganisationUnitNumber: e-invoice address */
	const char *street;	/* StreetName lines joined by ", " */
	const char *postcode;
	const char *town;
	const char *country;	/* CountryCode */
	const char *email;	/* from CommunicationDetails */
};

struct bud_fv_row {
	int line;			/* source line of <InvoiceRow> */
	const char *position;		/* RowPositionIdentifier */
	const char *article_id;		/* ArticleIdentifier */
	const char *article_name;	/* ArticleName */
	const char *qty_text;		/* InvoicedQuantity, else DeliveredQuantity */
	int64_t qty_milli;		/* BUD_FV_QTY: that quantity × 1000 */
	const char *unit;		/* its QuantityUnitCode, else QuantityUnitCodeUN */
	int64_t unit_price_e5;		/* BUD_FV_UNIT_PRICE: UnitPriceAmount × 100 000 */
	bud_cents unit_price;		/* the same in cents, rounded half away from 0 */
	int32_t vat_rate_milli;		/* BUD_FV_VAT_RATE: RowVatRatePercent × 1000 */
	const char *vat_code;		/* RowVatCode, "S" standard, "Z", "E", "AE" ... */
	bud_cents vat;			/* BUD_FV_VAT: RowVatAmount */
	bud_cents vat_excluded;		/* BUD_FV_VAT_EXCL: RowVatExcludedAmount */
	bud_cents amount;		/* BUD_FV_AMOUNT: RowAmount (VAT included) */
	bud_cents discount;		/* RowDiscountAmount (0 when only a percent) */
	char delivery_date[BUD_FMT_DATE];	/* RowDeliveryDate */
	char start_date[BUD_FMT_DATE];	/* StartDate: a delivery period */
	char end_date[BUD_FMT_DATE];	/* EndDate */
	const char *free_text;		/* RowFreeText lines joined by "\n" */
	size_t n_sub_rows;		/* SubInvoiceRow elements (not read further) */
	unsigned has;			/* BUD_FV_* bits */
};

struct bud_fv_vat {			/* one VatSpecificationDetails */
	int32_t rate_milli;		/* BUD_FV_VAT_RATE */
	const char *code;		/* VatCode */
	bud_cents base;			/* BUD_FV_VAT_EXCL: VatBaseAmount */
	bud_cents amount;		/* BUD_FV_VAT: VatRateAmount */
	unsigned has;
};

struct bud_finvoice {
	/* transport */
	const char *frame_message_id;	/* eb:MessageId of the SOAP frame, if any */
	const char *message_id;		/* MessageDetails/MessageIdentifier */
	const char *sender_address;	/* FromIdentifier (OVT) */
	const char *sender_intermediator;
	const char *receiver_address;	/* ToIdentifier */
	const char *receiver_intermediator;

	/* parties */
	struct bud_fv_party seller, buyer;
	const char *seller_iban;	/* first SellerAccountDetails */
	const char *seller_bic;

	/* InvoiceDetails */
	const char *type_code;		/* InvoiceTypeCode: INV01 invoice, INV02 credit */
	const char *number;		/* InvoiceNumber */
	char date[BUD_FMT_DATE];	/* InvoiceDate */
	char due_date[BUD_FMT_DATE];	/* PaymentTermsDetails/InvoiceDueDate */
	const char *order_id;		/* OrderIdentifier */
	const char *buyer_reference;	/* BuyerReferenceIdentifier */
	char currency[4];		/* of InvoiceTotalVatIncludedAmount */
	bud_cents rows_total;		/* BUD_FV_ROWS_TOTAL: RowsTotalVatExcludedAmount */
	bud_cents discounts_total;	/* BUD_FV_DISCOUNTS_TOTAL */
	bud_cents charges_total;	/* BUD_FV_CHARGES_TOTAL */
	bud_cents total_excl;		/* BUD_FV_TOTAL_EXCL: InvoiceTotalVatExcludedAmount */
	bud_cents total_vat;		/* BUD_FV_TOTAL_VAT: InvoiceTotalVatAmount */
	bud_cents total_incl;		/* BUD_FV_TOTAL_INCL: InvoiceTotalVatIncludedAmount */
	bud_cents roundoff;		/* BUD_FV_ROUNDOFF: InvoiceTotalRoundoffAmount */
	bud_cents paid;			/* BUD_FV_PAID: InvoicePaidAmount */
	const char *free_text;		/* InvoiceFreeText lines joined by "\n" */
	const char *payment_terms;	/* PaymentTermsFreeText */
	struct bud_fv_vat *vat;		/* VAT breakdown */
	size_t n_vat;
	struct bud_fv_row *rows;
	size_t n_rows;

	/* payment instruction (EpiDetails) */
	const char *pay_name;		/* EpiNameAddressDetails */
	const char *pay_iban;		/* EpiAccountID */
	const char *pay_bic;		/* EpiBfiIdentifier */
	const char *reference;		/* EpiRemittanceInfoIdentifier as written */
	const char *reference_scheme;	/* its IdentificationSchemeName: SPY, ISO */
	int reference_kind;		/* BUD_ID_VIITE, BUD_ID_RF, or -1 (none/invalid) */
	char reference_canon[BUD_ID_BUF];	/* canonical form when valid, else "" */
	bud_cents pay_amount;		/* BUD_FV_PAY_AMOUNT: EpiInstructedAmount */
	char pay_date[BUD_FMT_DATE];	/* EpiDateOptionDate */
	const char *barcode;		/* VirtualBankBarcode */

	unsigned has;			/* BUD_FV_* total bits */
	struct bud_fmt_pool *pool;	/* owns every string and array above */
};

/*
 * Read and check a Finvoice. probs (may be NULL) receives every problem.
 *   BUD_OK: *out is the invoice and there are no problems.
 *   BUD_EINVAL with *out set: the invoice was read, but probs lists
 *     problems (err summarises the first); show them, do not accept it.
 *   any error with *out NULL: unreadable (not XML, over BUD_MAX_XML,
 *     a DTD, too deep, not a Finvoice, too many rows); err and probs say why.
 * Free *out with bud_finvoice_free.
 */
int bud_finvoice_read(const char *data, size_t len, struct bud_finvoice **out,
		      struct bud_fmt_problems *probs, bud_err *err);
void bud_finvoice_free(struct bud_finvoice *inv);	/* inv may be NULL */

/*
 * Split a SOAP transport frame off the front of data: when the first
 * element is an Envelope (any prefix), everything up to its end tag.
 * Sets *frame_len (0 when there is no frame) and *body to where the
 * invoice starts (after white space). BUD_EINVAL when the data starts with
 * an Envelope that is never closed.
 */
int bud_finvoice_split_frame(const char *data, size_t len, size_t *frame_len,
			     const char **body);

#endif
