package dev.vireo.agent.libvirt;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.PointerType;
import org.libvirt.Connect;
import org.libvirt.Domain;

import java.lang.reflect.Field;

/**
 * The few libvirt C functions libvirt-java 0.5.4 does not wrap (virDomainShutdownFlags,
 * virConnectGetDomainCapabilities), called through JNA with the libvirt-java objects' own pointers, which that
 * version keeps in non-public fields. A libvirt-java that wraps them makes this class go.
 */
public final class LibvirtNative {
    private LibvirtNative() {
    }

    /** libvirt's function of that name. */
    public static Function function(String name) {
        return NativeLibrary.getInstance("virt").getFunction(name);
    }

    /** The domain's virDomainPtr. */
    public static PointerType pointer(Domain domain) throws ReflectiveOperationException {
        return field(Domain.class, "vdp", domain);
    }

    /** The connection's virConnectPtr. */
    public static PointerType pointer(Connect connect) throws ReflectiveOperationException {
        return field(Connect.class, "vcp", connect);
    }

    private static PointerType field(Class<?> type, String name, Object owner) throws ReflectiveOperationException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return (PointerType) field.get(owner);
    }
}
