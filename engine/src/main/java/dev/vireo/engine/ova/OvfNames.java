package dev.vireo.engine.ova;

/** The namespaces and URIs of the OVF standard (DMTF DSP0243) that Vireo reads and writes. */
final class OvfNames {
    static final String OVF1 = "http://schemas.dmtf.org/ovf/envelope/1";
    static final String OVF2 = "http://schemas.dmtf.org/ovf/envelope/2";
    static final String RASD = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData";
    static final String VSSD = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData";
    static final String VIREO = "urn:vireo:ovf:1";
    static final String VMDK_STREAM = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized";
    static final String QCOW2 = "http://www.gnome.org/~markmc/qcow-image-format.html";
    /** CIM resource types: processor, memory, disk drive */
    static final int CPU = 3;
    static final int MEMORY = 4;
    static final int DISK = 17;

    private OvfNames() {
    }
}
