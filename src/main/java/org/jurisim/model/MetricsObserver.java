package org.jurisim.model;

import java.util.List;
import org.jurisim.metrics.MetricDef;
import org.jurisim.metrics.MetricsSink;
import org.jurisim.metrics.RollingRatio;
import sim.engine.SimState;
import sim.engine.Steppable;

/**
 * Scheduled last each day: computes every registered metric from the day's ledger and the world's
 * state, and hands the row to the sinks. Reads, never writes, the model.
 */
public final class MetricsObserver implements Steppable {

    private static final long serialVersionUID = 1L;

    private final JuriSimModel model;
    private final List<MetricsSink> sinks;
    /** How each metric is computed (functions, not state): rebuilt after a checkpoint is read back. */
    private transient List<Metrics.Metric> metrics;
    private final RollingRatio rolling;
    private final double[] row;
    private final double[] byPolicyCount;
    private final double[] byPolicyPop;
    private double rollingValue;
    private int agreements;
    private double occupancy;
    private double beds;
    private double withheld;
    private int losing;
    private double trustIndex;
    private double releasedPoolToday;
    private double reportingIndex;
    /** Foreign-born residents of all jurisdictions (fixed during a run; summed on the first day). */
    private double immigrants = Double.NaN;

    MetricsObserver(JuriSimModel model, List<MetricsSink> sinks) {
        this.model = model;
        this.sinks = List.copyOf(sinks);
        this.metrics = Metrics.forPolicies(model.policyNames());
        this.rolling = new RollingRatio(model.scenario().metrics().rollingWindowDays());
        this.row = new double[metrics.size()];
        this.byPolicyCount = new double[model.policyNames().size()];
        this.byPolicyPop = new double[model.policyNames().size()];
    }

    private List<Metrics.Metric> metrics() {
        if (metrics == null) {
            metrics = Metrics.forPolicies(model.policyNames());
        }
        return metrics;
    }

    public List<MetricDef> columns() {
        return metrics().stream().map(Metrics.Metric::def).toList();
    }

    void begin() {
        List<MetricDef> cols = columns();
        for (MetricsSink s : sinks) {
            s.begin(cols);
        }
    }

    void end() {
        for (MetricsSink s : sinks) {
            s.end();
        }
    }

    @Override
    public void step(SimState state) {
        DailyLedger l = model.ledger();
        rollingValue = rolling.add(l.honored(), l.issued());
        Tallies t = model.tallies();
        for (int p = 0; p < byPolicyCount.length; p++) {
            byPolicyCount[p] = t.jurisdictionsByPolicy(p);
            byPolicyPop[p] = t.residentsByPolicy(p);
        }
        agreements = t.agreements();
        losing = t.losingFunds();
        withheld = model.federal().withheldBalance();
        List<Jurisdiction> js = model.jurisdictionList();
        if (Double.isNaN(immigrants)) {
            double sum = 0;
            for (Jurisdiction j : js) {
                sum += j.immigrants();
            }
            immigrants = sum;
        }
        double trustSum = t.trustWeighted();
        releasedPoolToday = t.releasedPool();
        trustIndex = immigrants == 0 ? Double.NaN : trustSum / immigrants;
        reportingIndex = 1 - model.scenario().community().reportingGap() * (1 - trustIndex);
        occupancy = 0;
        beds = 0;
        for (FieldOffice o : model.fieldOfficeArray()) {
            occupancy += o.getOccupancy();
            beds += o.getBeds();
        }
        List<Metrics.Metric> ms = metrics();
        for (int i = 0; i < row.length; i++) {
            row[i] = ms.get(i).value().applyAsDouble(this);
        }
        long day = model.day();
        java.time.LocalDate date = model.today();
        for (MetricsSink s : sinks) {
            s.record(day, date, row);
        }
    }

    public JuriSimModel model() {
        return model;
    }

    public DailyLedger ledger() {
        return model.ledger();
    }

    public double rollingCompliance() {
        return rollingValue;
    }

    public double jurisdictionsByPolicy(int p) {
        return byPolicyCount[p];
    }

    /** Removable people released without transfer and still in the community (all jurisdictions). */
    public double releasedPool() {
        return releasedPoolToday;
    }

    public double populationByPolicy(int p) {
        return byPolicyPop[p];
    }

    public double agreements287g() {
        return agreements;
    }

    public double withheldBalance() {
        return withheld;
    }

    public double losingFunds() {
        return losing;
    }

    public double trustIndex() {
        return trustIndex;
    }

    public double reportingIndex() {
        return reportingIndex;
    }

    public double occupancy() {
        return occupancy;
    }

    public double beds() {
        return beds;
    }
}
