package org.jurisim.cli;

import java.util.Locale;
import org.jurisim.experiment.DistributedEngine;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where an experiment's runs are computed ({@code run --replicates}, {@code sweep}, {@code compare}, {@code bench}): this JVM's threads, or
 * Apache Spark. Spark is not in the default jar: {@code ./jurisim} adds it to the class path when it sees
 * {@code --engine spark}, and {@code spark-submit} provides its own (docs/distributed.md).
 */
final class EngineOptions {

    /** The Spark class whose absence means Spark is not on the class path. */
    static final String SPARK_PROBE = "org.apache.spark.sql.SparkSession";

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "Where the runs are computed: threads (this machine, the default) or spark (Apache Spark: a local"
                    + " master or a cluster; same outputs, plus Parquet). See docs/distributed.md.")
    String engine = "threads";

    @Option(names = "--threads", paramLabel = "T",
            description = "With --engine threads: worker threads (default: the number of processors). Outputs do not depend on it.")
    Integer threads;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark: the Spark master, e.g. local[2], spark://HOST:7077, yarn, k8s://https://HOST:443."
                    + " Default: spark-submit's --master, else local[*].")
    String master;

    @Option(names = "--parquet-out", paramLabel = "URI",
            description = "With --engine spark on a cluster: where the executors write the Parquet copy of the results"
                    + " (hdfs://, s3a://, gs://, abfss://). With a local master it goes into the output directory.")
    String parquetOut;

    @Option(names = "--no-parquet", description = "With --engine spark: do not write the Parquet copy of the results.")
    boolean noParquet;

    /** A Spark engine was asked for and cannot be had here (exit status 2, a message and no stack trace). */
    static final class UnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Whether --threads was given (single runs refuse it). */
    boolean threadsGiven() {
        return threads != null;
    }

    /** The number of worker threads of the thread engine: --threads, else the number of processors. */
    int threads(CommandLine cl) {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1) {
            throw new CommandLine.ParameterException(cl, "--threads must be at least 1, found " + t);
        }
        return t;
    }

    /** Whether the runs go to Spark; checks that the options fit together. */
    boolean spark(CommandLine cl) {
        String e = engine.trim().toLowerCase(Locale.ROOT);
        if (!e.equals("threads") && !e.equals("spark")) {
            throw new CommandLine.ParameterException(cl, "--engine takes threads or spark, found '" + engine + "'");
        }
        boolean spark = e.equals("spark");
        if (!spark && (master != null || parquetOut != null || noParquet)) {
            throw new CommandLine.ParameterException(cl, "--master, --parquet-out and --no-parquet apply with --engine spark");
        }
        if (spark && threads != null) {
            throw new CommandLine.ParameterException(cl, "--threads applies to --engine threads; Spark runs as many at once as its"
                    + " executors have cores (e.g. --master local[4])");
        }
        if (spark && noParquet && parquetOut != null) {
            throw new CommandLine.ParameterException(cl, "give --parquet-out or --no-parquet, not both");
        }
        return spark;
    }

    /** The Spark engine's class: compiled only by the build's spark profile (docs/distributed.md). */
    static final String ENGINE_CLASS = "org.jurisim.experiment.spark.SparkEngine";

    /** Starts (or joins) the Spark session. */
    DistributedEngine open(String appName) throws UnavailableException {
        if (!present(ENGINE_CLASS)) {
            throw new UnavailableException("--engine spark needs a JuriSim jar built with the Spark engine, and this one was built"
                    + " without it. From the repository, ./jurisim builds it when asked for --engine spark; or build it once with"
                    + " ./mvnw -B -Pspark -DskipTests package (see docs/distributed.md).", null);
        }
        if (!present(SPARK_PROBE)) {
            throw new UnavailableException("--engine spark needs Apache Spark 4 on the class path, and this JVM has none."
                    + " Run it through ./jurisim (which adds Spark from the build) or through spark-submit:"
                    + " spark-submit --class org.jurisim.cli.Main target/jurisim-0.1.0-all.jar ... (see docs/distributed.md)", null);
        }
        try {
            return (DistributedEngine) Class.forName(ENGINE_CLASS, true, EngineOptions.class.getClassLoader())
                    .getMethod("start", String.class, String.class, boolean.class, String.class)
                    .invoke(null, master, appName, !noParquet, parquetOut);
        } catch (java.lang.reflect.InvocationTargetException ex) {
            if (ex.getCause() instanceof IllegalArgumentException iae) {
                throw new UnavailableException("--engine spark: " + iae.getMessage(), iae);
            }
            if (ex.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (ex.getCause() instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException(ex.getCause());
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("the Spark engine cannot be started: " + ex, ex);
        }
    }

    static boolean sparkPresent() {
        return present(SPARK_PROBE);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, EngineOptions.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
