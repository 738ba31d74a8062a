package dev.vireo.ui.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vireo.ui.engine.NetworkSetup;
import dev.vireo.ui.engine.NetworkSetup.Attachment;
import dev.vireo.ui.engine.NetworkSetup.Bond;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The network setup editor's draft: from the confirmed setup, through the forms, to the request the engine gets. */
class SetupDraftTest {

    private static final NetworkSetup CONFIRMED = new NetworkSetup("ovs",
            List.of(new Bond("bond0", List.of("eth1", "eth2"), "active-backup", null, 100)),
            List.of(new Attachment("n1", "bond0", null, null)));

    @Test
    void startsAsTheConfirmedSetupAndSendsItWhole() {
        SetupDraft d = new SetupDraft(CONFIRMED);
        assertEquals(new NetworkSetup.Request(CONFIRMED.bonds(), CONFIRMED.networks()), d.request());
        assertEquals(new NetworkSetup.Request(List.of(), List.of()), new SetupDraft(null).request());
    }

    @Test
    void anLacpBondKeepsItsRateOtherModesDropIt() {
        SetupDraft d = new SetupDraft(null);
        assertNull(d.addBond(" bond1 ", List.of("eth3", "eth4"), "802.3ad", "fast", 100));
        assertNull(d.addBond("bond2", List.of("eth5", "eth6"), "active-backup", "fast", null));
        assertEquals(List.of(new Bond("bond1", List.of("eth3", "eth4"), "802.3ad", "fast", 100),
                new Bond("bond2", List.of("eth5", "eth6"), "active-backup", null, null)), d.request().bonds());
    }

    @Test
    void onlyAnIncompleteFormIsRefusedHereTheRestIsTheEnginesToSay() {
        SetupDraft d = new SetupDraft(CONFIRMED);
        assertEquals("Give the bond a name, such as bond0", d.addBond(" ", List.of("eth3", "eth4"), "active-backup", null, null));
        assertEquals("The setup has a bond bond0 already; remove it first to change it",
                d.addBond("bond0", List.of("eth3", "eth4"), "active-backup", null, null));
        assertEquals("Choose the bond's mode", d.addBond("bond1", List.of("eth3"), null, null, null));
        // an LACP bond with one member goes to the engine, which refuses it in its own words
        assertNull(d.addBond("bond1", List.of("eth3"), "802.3ad", "slow", null));
        assertEquals(List.of("eth3"), d.request().bonds().get(1).members());
        assertEquals("Choose a network", d.attach(null, "eth3", null, null));
        assertEquals("Choose the NIC or bond to carry it", d.attach("n2", null, null, null));
        assertEquals("That network is on bond0 already; remove it first to move it", d.attach("n1", "eth3", null, null));
        assertNull(d.attach("n2", "bond1", 10, 9000));
        assertEquals(new Attachment("n2", "bond1", 10, 9000), d.request().networks().get(1));
    }

    @Test
    void removingABondRemovesTheNetworksItCarried() {
        SetupDraft d = new SetupDraft(CONFIRMED);
        assertNull(d.attach("n2", "eth9", null, 1400));
        d.removeBond("bond0");
        assertEquals(new NetworkSetup.Request(List.of(), List.of(new Attachment("n2", "eth9", null, 1400))), d.request());
        d.detach("n2");
        assertEquals(new NetworkSetup.Request(List.of(), List.of()), d.request());
    }
}
