package dev.vireo.engine.scheduling;

/**
 * How many feasible hosts one decision looks for before it stops filtering, as Kubernetes' scheduler does
 * ({@code percentageOfNodesToScore}): every host up to 100, then an adaptive share of the cluster (50 % less
 * one point per 125 hosts, at least 5 %, never fewer than 100 hosts). At 5,000 hosts a decision scores about
 * 500 of them, starting where the previous decision stopped, so every host gets its turn; a decision that
 * finds fewer feasible hosts than that has looked at all of them (a refusal is always a full scan).
 */
public final class HostSampling {
    /** Below this many hosts every host is scored. */
    public static final int MIN_FEASIBLE = 100;

    private HostSampling() {
    }

    /**
     * @param hosts   hosts in the cluster
     * @param percent the share to score, 1..100; 0 = adaptive (the default)
     */
    public static int feasibleToFind(int hosts, int percent) {
        if (hosts <= MIN_FEASIBLE || percent >= 100) {
            return hosts;
        }
        int share = percent > 0 ? percent : Math.max(5, 50 - hosts / 125);
        return Math.max(MIN_FEASIBLE, hosts * share / 100);
    }
}
