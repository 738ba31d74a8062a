package dev.vireo.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The debian-12 template on a lab engine, made as an administrator would make it (and as {@code lab/os-template.sh}
 * does for {@code ./vireo up}): the image {@code lab/os-image.sh} built is uploaded through the public API in 1 MiB
 * chunks, completed into a disk, and that disk becomes the template with the image's kernel and initrd.
 */
public final class DebianTemplate {
    public static final Path IMAGE = Lab.IMAGES.resolve("os/debian-12");
    public static final String OS_NAME = "Debian GNU/Linux 12 (bookworm)";

    private DebianTemplate() {
    }

    /** The new template's id; fails with the engine's answer when a step is refused. */
    public static String importInto(Api admin) throws Exception {
        Path disk = IMAGE.resolve("disk.qcow2");
        if (!Files.isRegularFile(disk)) {
            throw new IllegalStateException("lab/os-image.sh builds " + IMAGE + " first ('./vireo test' runs it)");
        }
        byte[] image = Files.readAllBytes(disk);
        Api.Answer upload = ok(201, admin.post("/api/v1/images/uploads", "{\"name\":\"debian-12\",\"format\":\"qcow2\","
                + "\"sizeBytes\":" + image.length + "}"));
        String id = upload.json().path("id").asText();
        int chunk = 1 << 20;
        for (int at = 0; at < image.length; at += chunk) {
            int end = Math.min(image.length, at + chunk);
            ok(200, admin.putBytes("/api/v1/images/uploads/" + id, Arrays.copyOfRange(image, at, end),
                    "bytes " + at + "-" + (end - 1) + "/" + image.length));
        }
        String diskId = ok(201, admin.post("/api/v1/images/uploads/" + id + "/complete", null)).json().path("id").asText();
        return ok(201, admin.post("/api/v1/templates", "{\"name\":\"debian-12\",\"description\":\"Debian 12\",\"diskId\":\""
                + diskId + "\",\"osName\":\"" + OS_NAME + "\",\"kernel\":\"" + IMAGE.resolve("vmlinuz") + "\",\"initrd\":\""
                + IMAGE.resolve("initrd.img") + "\",\"cmdline\":\"root=/dev/vda rw console=ttyS0\",\"memoryMiB\":512}"))
                .json().path("id").asText();
    }

    private static Api.Answer ok(int status, Api.Answer answer) {
        if (answer.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + answer.status() + ": " + answer.body());
        }
        return answer;
    }
}
