package dev.vireo.agent.snapshot;

import dev.vireo.agent.command.CommandDispatcher;
import dev.vireo.agent.command.ProgressSink;
import dev.vireo.agent.command.StartDomain;
import dev.vireo.agent.command.PowerOffDomain;
import dev.vireo.agent.command.PauseDomain;
import dev.vireo.agent.command.UndefineDomain;
import dev.vireo.agent.libvirt.DomainInventory;
import dev.vireo.agent.libvirt.DomainXml;
import dev.vireo.agent.libvirt.HostSettings;
import dev.vireo.agent.libvirt.LibvirtConnection;
import dev.vireo.agent.storage.QemuImg;
import dev.vireo.agent.storage.VolumePaths;
import dev.vireo.protocol.AgentMessage;
import dev.vireo.protocol.BootSpec;
import dev.vireo.protocol.CommandAction;
import dev.vireo.protocol.DiskSpec;
import dev.vireo.protocol.DomainSpec;
import dev.vireo.protocol.DomainState;
import dev.vireo.protocol.SnapshotSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The snapshot commands with the real qemu-img on qcow2 files in a temporary image directory, and libvirt's
 * test:///default driver for domains that run (it keeps snapshot metadata but touches no disk, so what the
 * disk holds is checked only on the qemu-img paths).
 */
class SnapshotCommandsTest {
    @TempDir
    static Path tmp;
    static Path images;
    static LibvirtConnection libvirt;
    static DomainInventory inventory;
    static CommandDispatcher dispatcher;
    static Snapshots snapshots;
    static final List<AgentMessage.Progress> progress = new CopyOnWriteArrayList<>();
    static final QemuImg qemuImg = new QemuImg();

    final String vm = UUID.randomUUID().toString();
    Path disk;
    int commands;

    @BeforeAll
    static void connect() throws Exception {
        images = Files.createDirectories(tmp.resolve("images"));
        HostSettings settings = new HostSettings("test", List.of(images), Files.createDirectories(tmp.resolve("logs")), "0.0.0.0");
        libvirt = new LibvirtConnection("test:///default");
        inventory = new DomainInventory(libvirt);
        ProgressSink sink = new ProgressSink();
        sink.listen(progress::add);
        snapshots = new Snapshots(inventory, new VolumePaths(List.of(images)), qemuImg, sink);
        dispatcher = new CommandDispatcher(List.of(new StartDomain(libvirt, inventory, new DomainXml(settings)),
                new PowerOffDomain(inventory), new PauseDomain(inventory), new UndefineDomain(inventory),
                new CreateSnapshot(snapshots), new RevertSnapshot(snapshots), new DeleteSnapshot(snapshots)), inventory);
    }

    @AfterAll
    static void disconnect() {
        libvirt.close();
    }

    @AfterEach
    void cleanUp() {
        run(CommandAction.POWEROFF, null);
        run(CommandAction.UNDEFINE, null);
    }

    Path newDisk() throws Exception {
        disk = images.resolve(UUID.randomUUID() + ".qcow2");
        qemuImg.run("create", "-q", "-f", "qcow2", disk.toString(), "1M");
        return disk;
    }

    AgentMessage.Reply run(CommandAction action, SnapshotSpec spec) {
        return dispatcher.handle(new AgentMessage.Command("c" + ++commands, action, vm, null, null, null, null, null, spec));
    }

    AgentMessage.Reply start() {
        DomainSpec spec = new DomainSpec(vm, "snap", null, 64, 1, new BootSpec(null, null, null, disk.toString()), null);
        return dispatcher.handle(new AgentMessage.Command("c" + ++commands, CommandAction.START, vm, spec, null));
    }

    static void ok(AgentMessage.Reply reply) {
        assertTrue(reply.ok(), reply.error());
    }

    static void refused(AgentMessage.Reply reply, String kind, String text) {
        assertFalse(reply.ok(), "should fail: " + reply);
        assertEquals(kind, reply.errorKind(), reply.error());
        assertTrue(reply.error().contains(text), reply.error());
    }

    String snapshotsInDisk() throws Exception {
        return qemuImg.run("snapshot", "-l", "-U", disk.toString());
    }

    /** 64 KiB of one byte at the start of the disk, as a guest would write it */
    void write(int pattern) throws Exception {
        io("write -P " + pattern + " 0 64k");
    }

    void io(String command) throws Exception {
        Process p = new ProcessBuilder("qemu-io", "-f", "qcow2", "-c", command, disk.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertFalse(out.contains("Pattern verification failed"), out);
    }

    @Test
    void aDownVmsDiskIsSnapshottedRevertedAndDeletedWithQemuImg() throws Exception {
        newDisk();
        String name = UUID.randomUUID().toString();
        write(0x41);
        SnapshotSpec spec = SnapshotSpec.create(name, "before", false, disk.toString());
        AgentMessage.Reply created = run(CommandAction.CREATE_SNAPSHOT, spec);
        ok(created);
        assertEquals(DomainState.UNDEFINED, created.domain().state(), "no domain needed on this host");
        assertNull(created.text(), "a disk-only snapshot has no libvirt XML");
        assertTrue(snapshotsInDisk().contains(name), snapshotsInDisk());
        refused(run(CommandAction.CREATE_SNAPSHOT, spec), "invalid", "holds a snapshot " + name + " already");

        write(0x42);
        ok(run(CommandAction.REVERT_SNAPSHOT, spec));
        io("read -P 0x41 0 64k");   // the write after the snapshot is undone

        AgentMessage.Reply deleted = run(CommandAction.DELETE_SNAPSHOT, spec);
        ok(deleted);
        assertEquals(1L, deleted.figures().get("deleted"));
        assertFalse(snapshotsInDisk().contains(name), snapshotsInDisk());
        AgentMessage.Reply again = run(CommandAction.DELETE_SNAPSHOT, spec);
        ok(again);
        assertEquals(0L, again.figures().get("deleted"), "already gone counts as deleted");
        refused(run(CommandAction.REVERT_SNAPSHOT, spec), "not-found", "holds no snapshot " + name);
    }

    @Test
    void aDownVmHasNoMemoryToSave() throws Exception {
        newDisk();
        refused(run(CommandAction.CREATE_SNAPSHOT, SnapshotSpec.create(UUID.randomUUID().toString(), null, true, disk.toString())),
                "invalid", "no memory to save");
    }

    @Test
    void aRunningVmIsSnapshottedWithMemoryAndLibvirtKeepsNoMetadata() throws Exception {
        newDisk();
        ok(start());
        String name = UUID.randomUUID().toString();
        progress.clear();
        AgentMessage.Reply created = run(CommandAction.CREATE_SNAPSHOT, SnapshotSpec.create(name, "<live>", true, disk.toString()));
        ok(created);
        assertEquals(DomainState.RUNNING, created.domain().state());
        assertNotNull(created.text());
        assertTrue(created.text().contains("<name>" + name + "</name>"), created.text());
        assertTrue(created.text().contains("&lt;live&gt;"), created.text());
        // libvirt's metadata is dropped (METADATA_ONLY), which the test driver does not support: the lab test checks it
        assertFalse(progress.isEmpty(), "progress was reported");

        // revert: the test driver has no disk, so the disk gets the snapshot qemu-img would hold
        run(CommandAction.POWEROFF, null);
        qemuImg.run("snapshot", "-q", "-c", name, disk.toString());
        ok(start());
        SnapshotSpec withXml = new SnapshotSpec(name, null, true, disk.toString(), created.text());
        AgentMessage.Reply reverted = run(CommandAction.REVERT_SNAPSHOT, withXml);
        ok(reverted);
        assertEquals(DomainState.RUNNING, reverted.domain().state(), "the guest runs on from the snapshot");
    }

    @Test
    void aRunningVmCannotBeSnapshottedWithoutMemory() throws Exception {
        newDisk();
        ok(start());
        refused(run(CommandAction.CREATE_SNAPSHOT, SnapshotSpec.create(UUID.randomUUID().toString(), null, false, disk.toString())),
                "invalid", "an internal snapshot of a running VM includes its memory");
    }

    @Test
    void aMemorySnapshotIsNotRevertedOnAStoppedVm() throws Exception {
        newDisk();
        String name = UUID.randomUUID().toString();
        qemuImg.run("snapshot", "-q", "-c", name, disk.toString());
        refused(run(CommandAction.REVERT_SNAPSHOT, new SnapshotSpec(name, null, true, disk.toString(), "<domainsnapshot/>")),
                "invalid", "start the VM, then revert");
    }

    @Test
    void aDiskOnlyRevertOfARunningVmLeavesItShutOff() throws Exception {
        newDisk();
        String name = UUID.randomUUID().toString();
        write(0x41);
        SnapshotSpec spec = SnapshotSpec.create(name, null, false, disk.toString());
        ok(run(CommandAction.CREATE_SNAPSHOT, spec));
        write(0x42);
        ok(start());
        AgentMessage.Reply reverted = run(CommandAction.REVERT_SNAPSHOT, spec);
        ok(reverted);
        assertEquals(DomainState.SHUTOFF, reverted.domain().state());
        io("read -P 0x41 0 64k");
    }

    @Test
    void disksOutsideTheImageDirectoriesAndNonQcow2AreRefused() throws Exception {
        String name = UUID.randomUUID().toString();
        Path outside = Files.createTempFile("outside", ".qcow2");
        refused(run(CommandAction.CREATE_SNAPSHOT, SnapshotSpec.create(name, null, false, outside.toString())),
                "invalid", "not a file inside an image directory");
        disk = images.resolve(UUID.randomUUID() + ".qcow2");
        qemuImg.run("create", "-q", "-f", "raw", disk.toString(), "1M");
        refused(run(CommandAction.CREATE_SNAPSHOT, SnapshotSpec.create(name, null, false, disk.toString())),
                "invalid", "is raw; internal snapshots need qcow2");
        refused(run(CommandAction.CREATE_SNAPSHOT, SnapshotSpec.create("my snapshot", null, false, disk.toString())),
                "invalid", "engine's snapshot id");
        refused(run(CommandAction.CREATE_SNAPSHOT, null), "invalid", "needs a snapshot");
    }

    // --- several disks

    Path second;

    Path newSecondDisk() throws Exception {
        second = images.resolve(UUID.randomUUID() + ".qcow2");
        qemuImg.run("create", "-q", "-f", "qcow2", second.toString(), "1M");
        return second;
    }

    List<SnapshotSpec.Disk> both() {
        return List.of(new SnapshotSpec.Disk("vda", disk.toString()), new SnapshotSpec.Disk("vdb", second.toString()));
    }

    static void io(Path file, String command) throws Exception {
        Process p = new ProcessBuilder("qemu-io", "-f", "qcow2", "-c", command, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertFalse(out.contains("Pattern verification failed"), out);
    }

    static String snapshotsIn(Path file) throws Exception {
        return qemuImg.run("snapshot", "-l", "-U", file.toString());
    }

    /**
     * Holds the disk open for writing, as a QEMU would: qemu-img's image lock then refuses to change it (its
     * info with --force-share still reads it). Closed by closing stdin.
     */
    static Process lock(Path file) throws Exception {
        Process p = new ProcessBuilder("qemu-io", "-f", "qcow2", file.toString()).redirectErrorStream(true).start();
        // a command's answer shows the image is open
        p.getOutputStream().write("read 0 512\n".getBytes());
        p.getOutputStream().flush();
        StringBuilder out = new StringBuilder();
        byte[] buffer = new byte[256];
        while (!out.toString().contains("read 512/512")) {
            int n = p.getInputStream().read(buffer);
            assertTrue(n > 0, "qemu-io ended: " + out);
            out.append(new String(buffer, 0, n));
        }
        return p;
    }

    static void unlock(Process p) throws Exception {
        p.getOutputStream().close();
        assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void everyDiskOfADownVmIsSnapshottedRevertedAndDeleted() throws Exception {
        newDisk();
        newSecondDisk();
        io(disk, "write -P 0x41 0 64k");
        io(second, "write -P 0x61 0 64k");
        String name = UUID.randomUUID().toString();
        SnapshotSpec spec = SnapshotSpec.of(name, null, false, null, both());
        ok(run(CommandAction.CREATE_SNAPSHOT, spec));
        assertTrue(snapshotsIn(disk).contains(name) && snapshotsIn(second).contains(name), snapshotsIn(second));

        io(disk, "write -P 0x42 0 64k");
        io(second, "write -P 0x62 0 64k");
        ok(run(CommandAction.REVERT_SNAPSHOT, spec));
        io(disk, "read -P 0x41 0 64k");
        io(second, "read -P 0x61 0 64k");
        assertFalse(snapshotsIn(disk).contains(DiskByDisk.UNDO_PREFIX) || snapshotsIn(second).contains(DiskByDisk.UNDO_PREFIX),
                "the revert's undo snapshots are gone again");

        ok(run(CommandAction.DELETE_SNAPSHOT, spec));
        assertFalse(snapshotsIn(disk).contains(name) || snapshotsIn(second).contains(name), snapshotsIn(second));
    }

    @Test
    void whenTheSecondDiskFailsTheFirstDisksPartIsUndone() throws Exception {
        newDisk();
        newSecondDisk();
        io(disk, "write -P 0x41 0 64k");
        io(second, "write -P 0x61 0 64k");
        String name = UUID.randomUUID().toString();
        SnapshotSpec spec = SnapshotSpec.of(name, null, false, null, both());

        // create: vda gets the snapshot, vdb is locked; vda's is removed again
        Process held = lock(second);
        AgentMessage.Reply failed = run(CommandAction.CREATE_SNAPSHOT, spec);
        unlock(held);
        assertFalse(failed.ok());
        assertTrue(failed.error().contains("lock") && failed.error().contains("vda had it removed again"), failed.error());
        assertFalse(snapshotsIn(disk).contains(name), "vda holds no half of the snapshot: " + snapshotsIn(disk));
        assertFalse(snapshotsIn(second).contains(name), snapshotsIn(second));

        // revert: vda is put back, vdb is locked; vda goes back to what it held before the revert
        ok(run(CommandAction.CREATE_SNAPSHOT, spec));
        io(disk, "write -P 0x42 0 64k");
        io(second, "write -P 0x62 0 64k");
        held = lock(second);
        AgentMessage.Reply notReverted = run(CommandAction.REVERT_SNAPSHOT, spec);
        unlock(held);
        assertFalse(notReverted.ok());
        io(disk, "read -P 0x42 0 64k");    // not half reverted: vda as it was before the revert
        io(second, "read -P 0x62 0 64k");
        assertFalse(snapshotsIn(disk).contains(DiskByDisk.UNDO_PREFIX), snapshotsIn(disk));
        // the lock stops vdb at its undo mark, before any disk is reverted; a disk that fails at the revert itself
        // (vdb without the snapshot, which the command checks first: so the steps are called directly) has
        // vda put back to what it held before the revert
        String other = UUID.randomUUID().toString();
        qemuImg.run("snapshot", "-q", "-c", other, disk.toString());
        io(disk, "write -P 0x43 0 64k");
        List<Snapshots.Volume> volumes = List.of(new Snapshots.Volume("vda", disk.toRealPath()),
                new Snapshots.Volume("vdb", second.toRealPath()));
        var halfway = org.junit.jupiter.api.Assertions.assertThrows(dev.vireo.agent.command.CommandFailure.class,
                () -> new DiskByDisk(snapshots).revert(other, volumes));
        assertTrue(halfway.getMessage().contains("vda went back to what they held before the revert"), halfway.getMessage());
        io(disk, "read -P 0x43 0 64k");
        io(second, "read -P 0x62 0 64k");
        assertFalse(snapshotsIn(disk).contains(DiskByDisk.UNDO_PREFIX) || snapshotsIn(second).contains(DiskByDisk.UNDO_PREFIX),
                snapshotsIn(disk) + snapshotsIn(second));

        // delete cannot be undone: it says how far it got, and a retry finishes
        held = lock(second);
        AgentMessage.Reply half = run(CommandAction.DELETE_SNAPSHOT, spec);
        unlock(held);
        assertFalse(half.ok());
        assertTrue(half.error().contains("it was removed from vda already (a retry removes the rest)"), half.error());
        assertFalse(snapshotsIn(disk).contains(name));
        assertTrue(snapshotsIn(second).contains(name));
        AgentMessage.Reply retried = run(CommandAction.DELETE_SNAPSHOT, spec);
        ok(retried);
        assertEquals(1L, retried.figures().get("deleted"));
        assertFalse(snapshotsIn(second).contains(name));
    }

    @Test
    void aRevertNeedsTheSnapshotInEveryDisk() throws Exception {
        newDisk();
        newSecondDisk();
        String name = UUID.randomUUID().toString();
        qemuImg.run("snapshot", "-q", "-c", name, disk.toString());
        refused(run(CommandAction.REVERT_SNAPSHOT, SnapshotSpec.of(name, null, false, null, both())),
                "not-found", "disk vdb (" + second.toRealPath() + ") holds no snapshot " + name);
        refused(run(CommandAction.CREATE_SNAPSHOT, SnapshotSpec.of(UUID.randomUUID().toString(), null, false, null,
                List.of(new SnapshotSpec.Disk("vda", disk.toString()), new SnapshotSpec.Disk("vda", second.toString())))),
                "invalid", "distinct guest devices");
    }

    AgentMessage.Reply startWithTwoDisks() {
        DomainSpec spec = new DomainSpec(vm, "snap", null, 64, 1, new BootSpec(null, null, null, disk.toString()), null,
                null, null, List.of(new DiskSpec(second.toString(), "vdb")));
        return dispatcher.handle(new AgentMessage.Command("c" + ++commands, CommandAction.START, vm, spec, null));
    }

    @Test
    void aRunningVmWithTwoDisksIsSnapshottedWithMemoryOfBoth() throws Exception {
        newDisk();
        newSecondDisk();
        ok(startWithTwoDisks());
        String name = UUID.randomUUID().toString();
        AgentMessage.Reply created = run(CommandAction.CREATE_SNAPSHOT, SnapshotSpec.of(name, null, true, null, both()));
        ok(created);
        String xml = created.text().replace('"', '\'');
        assertTrue(xml.contains("<disk name='vda' snapshot='internal'") && xml.contains("<disk name='vdb' snapshot='internal'"), xml);
        // covering vda alone would leave out the writable vdb, which libvirt cannot do: refused before libvirt
        refused(run(CommandAction.CREATE_SNAPSHOT, SnapshotSpec.of(UUID.randomUUID().toString(), null, true, null,
                both().subList(0, 1))), "invalid", "disk vdb (" + second + ") is writable and not among the snapshot's disks");
    }
}
