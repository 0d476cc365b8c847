package dev.bulwark.controlplane.billing.invoice;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;

/** A billing document as a file download (PDF or CSV), never cached: the console's and the developer portal's routes share it. */
public final class InvoiceDownloads {
    private InvoiceDownloads() {
    }

    public static HttpResponse<byte[]> file(byte[] body, String type, String fileName) {
        return HttpResponse.ok(body).contentType(MediaType.of(type))
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .header("Cache-Control", "private, no-store");
    }
}
