package org.jurisim.scenario;

import ec.util.MersenneTwisterFast;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jurisim.reference.District;
import org.jurisim.reference.State;
import org.jurisim.reference.UsReference;

/**
 * Makes a synthetic US-like set of counties, for stylised experiments (the real map is {@link RealMap}).
 * Their names ({@code Synthetic IL-016}) cannot be mistaken for real places, and they carry no FIPS code. Each state gets counties in proportion to its real county count
 * (at least one) and exactly its real population, split by lognormal weights (heavy-tailed sizes).
 * (The log-size draws are truncated at 2.75 standard deviations.) A county's foreign-born share grows with its size relative to the state mean, and its Democratic
 * share grows with log population and foreign-born share, around the state's real figures.
 */
final class CountyGenerator {

    /** Generator settings (see the schema's {@code $defs.generator}). */
    record Settings(int counties, Set<String> states, double populationSigma, double foreignBornElasticity,
                    double foreignBornNoise, double leanPerLogPopulation, double leanPerForeignBorn, double leanNoise,
                    long seed, double bookingsPerCapita, double grantsPerCapita, Map<String, Long> reservedPopulation,
                    Map<String, Integer> reservedCounties) {
    }

    /** The real number of counties in these states (all 50 and DC when empty). */
    static int realCounties(UsReference ref, Set<String> states) {
        return ref.states().stream().filter(st -> states == null || states.isEmpty() || states.contains(st.code()))
                .mapToInt(State::counties).sum();
    }

    private CountyGenerator() {
    }

    static List<JurisdictionSpec> generate(Settings s, UsReference ref) {
        MersenneTwisterFast rng = new MersenneTwisterFast(s.seed());
        List<State> states = new ArrayList<>();
        for (State st : ref.states()) {
            if (s.states() == null || s.states().isEmpty() || s.states().contains(st.code())) {
                states.add(st);
            }
        }
        int realTotal = states.stream().mapToInt(State::counties).sum();
        int[] n = apportion(states, realTotal, Math.max(s.counties(), states.size()));
        for (int si = 0; si < states.size(); si++) {
            // named places of the scenario take the place of some generated counties
            n[si] = Math.max(1, n[si] - s.reservedCounties().getOrDefault(states.get(si).code(), 0));
        }
        List<JurisdictionSpec> out = new ArrayList<>();
        for (int si = 0; si < states.size(); si++) {
            State real = states.get(si);
            long room = Math.max(1000L * n[si], real.population() - s.reservedPopulation().getOrDefault(real.code(), 0L));
            State st = new State(real.code(), real.fips(), real.name(), room, real.foreignBornShare(), real.demTwoPartyShare(), real.counties());
            int k = n[si];
            double[] w = new double[k];
            double sum = 0;
            for (int i = 0; i < k; i++) {
                // truncated at +/-2.75 sd so that no single draw swallows a state
                double z = Math.max(-2.75, Math.min(2.75, rng.nextGaussian()));
                w[i] = Math.exp(s.populationSigma() * z);
                sum += w[i];
            }
            long[] pop = new long[k];
            long assigned = 0;
            for (int i = 0; i < k; i++) {
                pop[i] = Math.max(50, Math.round(st.population() * w[i] / sum));
                assigned += pop[i];
            }
            // put the rounding remainder on the largest county so the state total is exact
            int big = 0;
            for (int i = 1; i < k; i++) {
                if (pop[i] > pop[big]) {
                    big = i;
                }
            }
            pop[big] = Math.max(50, pop[big] + (st.population() - assigned));
            double meanPop = (double) st.population() / k;
            double[] fb = new double[k];
            double fbWeighted = 0;
            for (int i = 0; i < k; i++) {
                fb[i] = Math.pow(pop[i] / meanPop, s.foreignBornElasticity()) * Math.exp(s.foreignBornNoise() * rng.nextGaussian());
                fbWeighted += fb[i] * pop[i];
            }
            // scale so the population-weighted mean equals the state's real share
            double scale = st.foreignBornShare() * st.population() / fbWeighted;
            double logMean = 0;
            for (int i = 0; i < k; i++) {
                fb[i] = Math.min(0.8, fb[i] * scale);
                logMean += Math.log(pop[i]) * pop[i];
            }
            logMean /= st.population();
            double[] lean = new double[k];
            double leanWeighted = 0;
            for (int i = 0; i < k; i++) {
                lean[i] = st.demTwoPartyShare() + s.leanPerLogPopulation() * (Math.log(pop[i]) - logMean)
                        + s.leanPerForeignBorn() * (fb[i] - st.foreignBornShare()) + s.leanNoise() * rng.nextGaussian();
                leanWeighted += lean[i] * pop[i];
            }
            double shift = st.demTwoPartyShare() - leanWeighted / st.population();
            for (int i = 0; i < k; i++) {
                double l = Math.max(0.03, Math.min(0.97, lean[i] + shift));
                // a synthetic place: a name no real place has, and no FIPS code (real codes belong to real counties)
                String name = String.format(java.util.Locale.ROOT, "Synthetic %s-%03d", st.code(), i + 1);
                String fips = null;
                District d = Placement.district(ref, st.code(), name);
                out.add(new JurisdictionSpec(name, st.code(), "county", fips, pop[i], round4(fb[i]), round4(l),
                        s.bookingsPerCapita(), s.grantsPerCapita(), d.id(), d.circuit(),
                        Placement.fieldOffice(ref, st.code(), name), null, false, false));
            }
        }
        return out;
    }

    private static double round4(double x) {
        return Math.round(x * 10000.0) / 10000.0;
    }

    /** Largest-remainder apportionment of {@code target} counties by real county counts, at least one each. */
    static int[] apportion(List<State> states, int realTotal, int target) {
        int m = states.size();
        int[] n = new int[m];
        double[] rem = new double[m];
        int given = 0;
        int spare = target - m;
        for (int i = 0; i < m; i++) {
            double q = (double) spare * states.get(i).counties() / realTotal;
            n[i] = 1 + (int) Math.floor(q);
            rem[i] = q - Math.floor(q);
            given += n[i];
        }
        while (given < target) {
            int best = 0;
            for (int i = 1; i < m; i++) {
                if (rem[i] > rem[best]) {
                    best = i;
                }
            }
            n[best]++;
            rem[best] = -1;
            given++;
        }
        return n;
    }
}
