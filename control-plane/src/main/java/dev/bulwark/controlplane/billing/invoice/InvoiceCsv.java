package dev.bulwark.controlplane.billing.invoice;

/** An invoice's lines and totals as RFC 4180 CSV, one row per line then the totals. Pure. */
public final class InvoiceCsv {
    private InvoiceCsv() {
    }

    public static String render(BillingDocument document) {
        StringBuilder csv = new StringBuilder("number,kind,period,line,plan,from,to,quantity,unit_price,amount,currency\r\n");
        for (BillingDocument.Line line : document.lines()) {
            row(csv, document, line.kind(), line.planId(), line.from().toString(), line.to().toString(),
                    line.quantity() == null ? "" : line.quantity().toString(), line.unitPrice() == null ? "" : line.unitPrice(), line.amount(),
                    line.description());
        }
        row(csv, document, "subtotal", "", "", "", "", "", document.subtotal().toPlainString(), "Subtotal");
        row(csv, document, "tax", "", "", "", "", document.taxRate().toPlainString() + "%", document.tax().toPlainString(), "Tax");
        row(csv, document, "total", "", "", "", "", "", document.total().toPlainString(), "Total");
        return csv.toString();
    }

    private static void row(StringBuilder csv, BillingDocument document, String kind, String plan, String from, String to, String quantity,
                            String unitPrice, String amount, String description) {
        csv.append(String.join(",", field(document.number()), field(document.kind()), field(document.periodLabel()),
                field(kind + ": " + description), field(plan), field(from), field(to), field(quantity), field(unitPrice), field(amount),
                field(document.currency()))).append("\r\n");
    }

    /** Quoted when needed; a leading formula character is neutralised so spreadsheets do not execute it. */
    private static String field(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !value.matches("-?[0-9.]+") ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
