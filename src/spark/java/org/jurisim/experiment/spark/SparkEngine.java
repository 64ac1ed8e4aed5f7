package org.jurisim.experiment.spark;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jurisim.common.BadInputException;
import org.jurisim.experiment.DistributedEngine;
import org.jurisim.output.RunDirectory;

/**
 * The Apache Spark engine: an experiment's units become Spark tasks (one partition per unit, so the scheduler
 * balances runs of unequal length), computed on the executors of a {@link SparkSession} and collected back to this
 * JVM (the driver), which commits them in order exactly as the thread engine does. The task (its scenario files
 * included) reaches each executor once, as a broadcast variable; no file system is shared.
 *
 * <p>The session is the one {@code spark-submit} configured, or one this engine starts with {@code --master}
 * ({@code local[*]} when neither says). A session this engine started is stopped by {@link #close()}; one that was
 * already running (a notebook, a test) is left running.
 */
public final class SparkEngine implements DistributedEngine {

    /** Default master when neither {@code --master} nor {@code spark-submit} gives one. */
    public static final String DEFAULT_MASTER = "local[*]";

    private final SparkSession spark;
    private final JavaSparkContext jsc;
    private final boolean owned;
    private final String parquetOut;
    private final boolean parquet;
    private final Map<UnitTask<?>, Broadcast<?>> broadcasts = new IdentityHashMap<>();

    private SparkEngine(SparkSession spark, boolean owned, boolean parquet, String parquetOut) {
        this.spark = spark;
        this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.owned = owned;
        this.parquet = parquet;
        this.parquetOut = parquetOut;
    }

    /**
     * Joins the running Spark session or starts one.
     *
     * @param master     Spark master URL (local[N], spark://host:7077, yarn, k8s://...); null: the session's or
     *                   spark-submit's, else {@value #DEFAULT_MASTER}
     * @param appName    the application's name in Spark's UI
     * @param parquet    whether to write Parquet copies of the result tables
     * @param parquetOut where Parquet goes when the executors do not share this machine's file system (a URI on
     *                   storage they all reach: hdfs://, s3a://, gs://, abfss://); null: into the experiment directory,
     *                   which needs a local master
     */
    public static SparkEngine start(String master, String appName, boolean parquet, String parquetOut) {
        SparkSession existing = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get()
                : SparkSession.getDefaultSession().isDefined() ? SparkSession.getDefaultSession().get() : null;
        if (existing != null && !existing.sparkContext().isStopped()) {
            if (master != null && !master.equals(existing.sparkContext().master())) {
                throw new IllegalArgumentException("a Spark session with master " + existing.sparkContext().master()
                        + " is already running in this JVM; --master " + master + " cannot be used with it");
            }
            return checked(new SparkEngine(existing, false, parquet, parquetOut));
        }
        // result tables have a column per outcome: let Spark describe them without its truncation warning
        SparkSession.Builder b = SparkSession.builder().appName(appName).config("spark.sql.debug.maxToStringFields", "100000");
        String configured = System.getProperty("spark.master");
        String m = master != null ? master : configured != null ? configured : DEFAULT_MASTER;
        b.master(m);
        if (m.startsWith("local")) {
            // a local master needs no web UI and no network beyond the loopback interface
            b.config("spark.ui.enabled", "false");
            b.config("spark.driver.host", "127.0.0.1");
            b.config("spark.driver.bindAddress", "127.0.0.1");
        }
        return checked(new SparkEngine(b.getOrCreate(), true, parquet, parquetOut));
    }

    private static SparkEngine checked(SparkEngine e) {
        if (e.parquet && e.parquetOut == null && !e.isLocal()) {
            e.close();
            throw new IllegalArgumentException("with the cluster master " + e.master() + " the executors cannot write into this machine's"
                    + " output directory: give --parquet-out URI on storage they all reach (hdfs://, s3a://, gs://, abfss://),"
                    + " or --no-parquet");
        }
        return e;
    }

    /** The master URL of the session. */
    public String master() {
        return spark.sparkContext().master();
    }

    /** Whether the executors run in this JVM (a local master) and so share its file system. */
    public boolean isLocal() {
        return spark.sparkContext().isLocal();
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "spark %s (Spark %s, %d cores)", master(), spark.version(), parallelism());
    }

    @Override
    public int parallelism() {
        return Math.max(1, jsc.defaultParallelism());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Serializable> List<T> compute(UnitTask<T> task, int[] units) throws Exception {
        Broadcast<UnitTask<T>> b;
        synchronized (broadcasts) {
            b = (Broadcast<UnitTask<T>>) broadcasts.computeIfAbsent(task, t -> jsc.broadcast(t));
        }
        List<Integer> list = IntStream.of(units).boxed().toList();
        jsc.setJobGroup("jurisim", "JuriSim: " + units.length + " runs from unit " + units[0], false);
        try {
            return jsc.parallelize(list, Math.max(1, list.size())).map(unitFunction(b)).collect();
        } catch (Exception e) {
            // Scala does not declare it, but a failed task surfaces as a SparkException
            throw e instanceof SparkException se ? unwrap(se) : e;
        }
    }

    /** Built in a static method so that the function captures the broadcast only, never this engine. */
    private static <T extends Serializable> Function<Integer, T> unitFunction(Broadcast<UnitTask<T>> b) {
        return u -> {
            try {
                return b.value().compute(u);
            } catch (Exception e) {
                throw travelling(e);
            }
        };
    }

    /**
     * The failure as it can travel back to the driver: itself when it serializes, else an I/O error with its text
     * (Spark would otherwise lose the failure, or on Java 17 without its module options stall the executor).
     */
    static Exception travelling(Exception e) {
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(java.io.OutputStream.nullOutputStream())) {
            out.writeObject(e);
            return e;
        } catch (IOException | RuntimeException notSerializable) {
            IOException io = new IOException(e.getClass().getName() + ": " + e.getMessage());
            io.setStackTrace(e.getStackTrace());
            return io;
        }
    }

    /** The failure of a run, as the thread engine would have reported it: a bad input, an I/O error or the task's own exception. */
    private static Exception unwrap(SparkException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof BadInputException || t instanceof IOException) {
                return (Exception) t;
            }
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        int nl = m.indexOf('\n');
        return new IOException("a Spark task failed: " + (nl < 0 ? m : m.substring(0, nl)), e);
    }

    @Override
    public String writeParquet(Path csv, Path localTarget) throws IOException {
        if (!parquet) {
            return null;
        }
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        String target = parquetOut == null ? null : parquetOut.replaceAll("/+$", "") + "/" + localTarget.getFileName();
        Path staging = localTarget.resolveSibling(localTarget.getFileName() + ".staging");
        if (target == null) {
            RunDirectory.deleteTree(localTarget);
            RunDirectory.deleteTree(staging);
            Files.createDirectories(localTarget);
        }
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(r)) {
            if (!it.hasNext()) {
                throw new IOException(csv + ": empty");
            }
            String[] header = it.next();
            StructType schema = schema(header);
            int chunk = Math.max(1000, 2_000_000 / header.length);
            int part = 0;
            List<Row> rows = new ArrayList<>(Math.min(chunk, 1 << 16));
            while (true) {
                boolean more = it.hasNext();
                if (more) {
                    rows.add(row(it.next(), schema, csv));
                }
                if (rows.size() == chunk || (!more && (!rows.isEmpty() || part == 0))) {
                    var df = spark.createDataFrame(rows, schema).coalesce(1);
                    if (target != null) {
                        df.write().mode(part == 0 ? SaveMode.Overwrite : SaveMode.Append).parquet(target);
                    } else {
                        df.write().mode(SaveMode.Overwrite).parquet(staging.toUri().toString());
                        movePart(staging, localTarget.resolve(String.format(Locale.ROOT, "part-%05d.snappy.parquet", part)));
                    }
                    part++;
                    rows.clear();
                }
                if (!more) {
                    break;
                }
            }
        } finally {
            RunDirectory.deleteTree(staging);
        }
        return target != null ? target : localTarget.getFileName().toString();
    }

    /** Moves the one data file Spark wrote into {@code staging} to {@code to} (a fixed name, unlike Spark's). */
    private static void movePart(Path staging, Path to) throws IOException {
        Path found = null;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(staging, "part-*.parquet")) {
            for (Path p : ds) {
                if (found != null) {
                    throw new IOException("Spark wrote more than one Parquet file into " + staging);
                }
                found = p;
            }
        }
        if (found == null) {
            throw new IOException("Spark wrote no Parquet file into " + staging);
        }
        Files.move(found, to, StandardCopyOption.REPLACE_EXISTING);
        RunDirectory.deleteTree(staging);
    }

    /** Column types by name: counters as integers, seeds as longs, dates and names as text, everything else as doubles. */
    static StructType schema(String[] header) {
        StructField[] f = new StructField[header.length];
        for (int i = 0; i < header.length; i++) {
            f[i] = DataTypes.createStructField(header[i], typeOf(header[i]), !isKey(header[i]));
        }
        return DataTypes.createStructType(f);
    }

    private static DataType typeOf(String column) {
        return switch (column) {
            case "point", "replicate", "day" -> DataTypes.IntegerType;
            case "seed" -> DataTypes.LongType;
            case "date", "metric", "outcome", "parameter" -> DataTypes.StringType;
            default -> DataTypes.DoubleType;
        };
    }

    private static boolean isKey(String column) {
        return switch (column) {
            case "point", "replicate", "day", "seed" -> true;
            default -> false;
        };
    }

    private static Row row(String[] cells, StructType schema, Path csv) throws IOException {
        StructField[] f = schema.fields();
        if (cells.length != f.length) {
            throw new IOException(csv + ": a row has " + cells.length + " cells, the header " + f.length);
        }
        Object[] v = new Object[f.length];
        for (int i = 0; i < f.length; i++) {
            String c = cells[i];
            DataType t = f[i].dataType();
            if (c.isEmpty() && t != DataTypes.StringType) {
                v[i] = null;
            } else if (t == DataTypes.IntegerType) {
                v[i] = Integer.parseInt(c);
            } else if (t == DataTypes.LongType) {
                v[i] = Long.parseLong(c);
            } else if (t == DataTypes.DoubleType) {
                v[i] = Double.parseDouble(c);
            } else {
                v[i] = c;
            }
        }
        return RowFactory.create(v);
    }

    @Override
    public void close() {
        synchronized (broadcasts) {
            for (Broadcast<?> b : broadcasts.values()) {
                try {
                    b.destroy();
                } catch (RuntimeException e) {
                    // the session may be stopping already
                }
            }
            broadcasts.clear();
        }
        if (owned) {
            spark.stop();
        }
    }
}
