package org.jurisim.scenario;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jurisim.reference.Coverage;
import org.jurisim.reference.District;
import org.jurisim.reference.UsReference;

/**
 * Places a jurisdiction that does not say where it sits: its federal district and ICE field office are
 * drawn from the state's shares by a stable hash of its name, so the result does not depend on file
 * order or on any random stream.
 */
final class Placement {

    private Placement() {
    }

    /** A number in [0,1) fixed by the text (FNV-1a 64-bit, then mixed). */
    static double unit(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        h ^= (h >>> 33);
        h *= 0xff51afd7ed558ccdL;
        h ^= (h >>> 33);
        return (h >>> 11) * 0x1.0p-53;
    }

    static District district(UsReference ref, String state, String name) {
        List<District> ds = ref.districtsOf(state);
        double u = unit("district|" + state + "|" + name);
        double total = 0;
        for (District d : ds) {
            total += d.populationShare();
        }
        double acc = 0;
        for (District d : ds) {
            acc += d.populationShare() / total;
            if (u < acc) {
                return d;
            }
        }
        return ds.get(ds.size() - 1);
    }

    static String fieldOffice(UsReference ref, String state, String name) {
        List<Coverage> cs = ref.coverageOf(state);
        double u = unit("office|" + state + "|" + name);
        double total = 0;
        for (Coverage c : cs) {
            total += c.share();
        }
        double acc = 0;
        for (Coverage c : cs) {
            acc += c.share() / total;
            if (u < acc) {
                return c.office();
            }
        }
        return cs.get(cs.size() - 1).office();
    }
}
