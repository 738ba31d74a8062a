package dev.vireo.agent.storage;

import dev.vireo.agent.command.CommandFailure;
import dev.vireo.agent.command.DomainCommand;
import dev.vireo.agent.command.Outcome;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.VolumeSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The volume commands with the real qemu-img on files in a temporary image directory. */
class VolumeCommandsTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path images;
    @TempDir
    Path elsewhere;
    private VolumePaths paths;
    private final QemuImg qemuImg = new QemuImg();

    @BeforeEach
    void setUp() {
        paths = new VolumePaths(List.of(images));
    }

    private String volume() {
        return images.resolve("domains/default/" + UUID.randomUUID() + ".qcow2").toString();
    }

    private Outcome run(DomainCommand command, VolumeSpec spec) throws Exception {
        return command.execute(new AgentMessage.Command("c", command.action(), UUID.randomUUID().toString(), null, null,
                null, null, spec), UUID.randomUUID().toString());
    }

    private CommandFailure refused(DomainCommand command, VolumeSpec spec) {
        return assertThrows(CommandFailure.class, () -> run(command, spec));
    }

    @Test
    void createsAThinVolumeOfTheAskedSize() throws Exception {
        String path = volume();
        Outcome out = run(new CreateVolume(paths, qemuImg), VolumeSpec.empty(path, 64 * MIB));
        assertEquals(64 * MIB, out.figures().get("virtual_size_bytes"));
        assertTrue(out.figures().get("actual_size_bytes") < 4 * MIB, "thin: " + out.figures());
        assertEquals("qcow2", qemuImg.info(Path.of(path)).path("format").asText());
    }

    @Test
    void aShareableDisksRawVolumeIsSparseGrowsAsRawAndIsNeverLayered() throws Exception {
        String path = images.resolve("domains/default/" + UUID.randomUUID() + ".raw").toString();
        Outcome out = run(new CreateVolume(paths, qemuImg), VolumeSpec.empty(path, 64 * MIB));
        assertEquals(64 * MIB, out.figures().get("virtual_size_bytes"));
        assertTrue(out.figures().get("actual_size_bytes") < 4 * MIB, "sparse: " + out.figures());
        assertEquals("raw", qemuImg.info(Path.of(path)).path("format").asText());
        run(new ResizeVolume(paths, qemuImg), new VolumeSpec(path, 96 * MIB, null, null));
        assertEquals(96 * MIB, Files.size(Path.of(path)));
        String base = volume();
        run(new CreateVolume(paths, qemuImg), VolumeSpec.empty(base, 16 * MIB));
        String layered = images.resolve("domains/default/" + UUID.randomUUID() + ".raw").toString();
        assertTrue(refused(new CreateVolume(paths, qemuImg), VolumeSpec.thinClone(layered, base)).getMessage()
                .contains("a raw volume cannot be a thin clone"));
        assertFalse(Files.exists(Path.of(layered)));
    }

    @Test
    void aThinCloneIsLayeredOverItsBackingAndACopyStandsAlone() throws Exception {
        String base = volume();
        run(new CreateVolume(paths, qemuImg), VolumeSpec.empty(base, 32 * MIB));
        String clone = volume();
        run(new CreateVolume(paths, qemuImg), VolumeSpec.thinClone(clone, base));
        var info = qemuImg.info(Path.of(clone));
        assertEquals(32 * MIB, info.path("virtual-size").asLong());
        assertEquals(Path.of(base).toRealPath().toString(), info.path("backing-filename").asText());

        String copy = volume();
        run(new CopyVolume(paths, qemuImg), VolumeSpec.copyOf(copy, clone));
        assertTrue(qemuImg.info(Path.of(copy)).path("backing-filename").isMissingNode(), "a copy has no backing file");
        assertFalse(Files.exists(Path.of(copy + ".partial")));
    }

    @Test
    void aRawFileCalledQcow2IsCopiedAsWhatItIs() throws Exception {
        Path raw = images.resolve("not-really.qcow2");
        Files.write(raw, new byte[(int) MIB]);
        String copy = volume();
        Outcome out = run(new CopyVolume(paths, qemuImg), VolumeSpec.copyOf(copy, raw.toString()));
        assertEquals(MIB, out.figures().get("virtual_size_bytes"));
    }

    @Test
    void aVmdkIsConvertedAndAnImageThatLiesAboutItsFormatIsRefused() throws Exception {
        Path raw = images.resolve("source.raw");
        Files.write(raw, "VMDK-IMPORTED".getBytes());
        qemuImg.run("resize", "-f", "raw", raw.toString(), Long.toString(MIB));
        Path vmdk = images.resolve("source.vmdk");
        qemuImg.run("convert", "-f", "raw", "-O", "vmdk", raw.toString(), vmdk.toString());
        String converted = volume();
        run(new CopyVolume(paths, qemuImg), VolumeSpec.convert(converted, vmdk.toString(), "vmdk"));
        assertEquals("qcow2", qemuImg.info(Path.of(converted)).path("format").asText());
        String liar = volume();
        assertTrue(refused(new CopyVolume(paths, qemuImg), VolumeSpec.convert(liar, raw.toString(), "vmdk"))
                .getMessage().contains("the image is raw, not vmdk"));
        assertFalse(Files.exists(Path.of(liar)));
    }

    @Test
    void aVolumeIsExportedAsAStreamOptimizedVmdk() throws Exception {
        String source = volume();
        run(new CreateVolume(paths, qemuImg), VolumeSpec.empty(source, 16 * MIB));
        String vmdk = images.resolve("domains/default/ova/" + UUID.randomUUID() + ".vmdk").toString();
        Outcome out = run(new CopyVolume(paths, qemuImg), VolumeSpec.exportVmdk(vmdk, source));
        assertEquals(16 * MIB, out.figures().get("virtual_size_bytes"));
        assertEquals("streamOptimized", qemuImg.info(Path.of(vmdk)).path("format-specific").path("data")
                .path("create-type").asText());
        assertTrue(refused(new CopyVolume(paths, qemuImg), VolumeSpec.exportVmdk(volume(), source))
                .getMessage().contains("<uuid>.vmdk"));
    }

    @Test
    void anImportedImageThatNamesOtherFilesIsRefused() throws Exception {
        Path secret = Files.writeString(elsewhere.resolve("secret"), "SECRET");
        Path layered = images.resolve("layered.qcow2");
        qemuImg.run("create", "-f", "qcow2", "-b", secret.toString(), "-F", "raw", layered.toString(), "1M");
        String target = volume();
        assertTrue(refused(new CopyVolume(paths, qemuImg), VolumeSpec.convert(target, layered.toString(), "qcow2"))
                .getMessage().contains("backing file"));
        Path descriptor = images.resolve("extent.vmdk");
        Files.writeString(descriptor, "# Disk DescriptorFile\nversion=1\nCID=fffffffe\nparentCID=ffffffff\n"
                + "createType=\"monolithicFlat\"\n\nRW 2048 FLAT \"" + secret + "\" 0\n\n"
                + "ddb.virtualHWVersion = \"4\"\nddb.geometry.cylinders = \"2\"\nddb.geometry.heads = \"16\"\n"
                + "ddb.geometry.sectors = \"63\"\nddb.adapterType = \"ide\"\n");
        assertTrue(refused(new CopyVolume(paths, qemuImg), VolumeSpec.convert(target, descriptor.toString(), "vmdk"))
                .getMessage().contains("extent"));
        assertFalse(Files.exists(Path.of(target)));
    }

    @Test
    void volumesGrowButNeverShrink() throws Exception {
        String path = volume();
        run(new CreateVolume(paths, qemuImg), VolumeSpec.empty(path, 16 * MIB));
        Outcome grown = run(new ResizeVolume(paths, qemuImg), new VolumeSpec(path, 48 * MIB, null, null));
        assertEquals(48 * MIB, grown.figures().get("virtual_size_bytes"));
        assertTrue(refused(new ResizeVolume(paths, qemuImg), new VolumeSpec(path, 16 * MIB, null, null))
                .getMessage().contains("only grows"));
    }

    @Test
    void deletingIsIdempotent() throws Exception {
        String path = volume();
        run(new CreateVolume(paths, qemuImg), VolumeSpec.empty(path, 16 * MIB));
        assertEquals(1L, run(new DeleteVolume(paths), VolumeSpec.empty(path, 0)).figures().get("deleted"));
        assertFalse(Files.exists(Path.of(path)));
        assertEquals(0L, run(new DeleteVolume(paths), VolumeSpec.empty(path, 0)).figures().get("deleted"));
    }

    @Test
    void badVolumesAreRefusedAndNothingIsWritten() throws Exception {
        CreateVolume create = new CreateVolume(paths, qemuImg);
        assertTrue(refused(create, VolumeSpec.empty(volume(), 0)).getMessage().contains("at least 1 MiB"));
        assertTrue(refused(create, VolumeSpec.empty(volume(), 10L << 50)).getMessage().contains("at most"));
        assertTrue(refused(create, VolumeSpec.empty(images.resolve("domains/../../etc/" + UUID.randomUUID() + ".qcow2").toString(), 16 * MIB))
                .getMessage().contains(".."));
        assertTrue(refused(create, VolumeSpec.empty(images.resolve("evil; rm -rf.qcow2").toString(), 16 * MIB))
                .getMessage().contains("<uuid>.qcow2"));
        assertTrue(refused(create, VolumeSpec.empty(elsewhere.resolve(UUID.randomUUID() + ".qcow2").toString(), 16 * MIB))
                .getMessage().contains("not inside an image directory"));
        assertTrue(refused(create, VolumeSpec.empty("relative/" + UUID.randomUUID() + ".qcow2", 16 * MIB))
                .getMessage().contains("not absolute"));
        // a symlinked directory inside the image dir that points outside it
        Files.createSymbolicLink(images.resolve("escape"), elsewhere);
        assertTrue(refused(create, VolumeSpec.empty(images.resolve("escape/" + UUID.randomUUID() + ".qcow2").toString(), 16 * MIB))
                .getMessage().contains("resolves outside"));
        Path secret = Files.writeString(elsewhere.resolve("secret.qcow2"), "x");
        assertTrue(refused(create, VolumeSpec.thinClone(volume(), secret.toString())).getMessage().contains("not a file inside"));
        assertEquals(0, Files.list(elsewhere).filter(p -> p.toString().endsWith(".qcow2") && !p.equals(secret)).count());
        String existing = volume();
        create.execute(new AgentMessage.Command("c", CommandAction.CREATE_VOLUME, null, null, null, null, null,
                VolumeSpec.empty(existing, 16 * MIB)), UUID.randomUUID().toString());
        assertTrue(refused(create, VolumeSpec.empty(existing, 16 * MIB)).getMessage().contains("already exists"));
    }
}
