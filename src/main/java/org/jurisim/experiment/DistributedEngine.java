package org.jurisim.experiment;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * Where an experiment's runs are computed when it is not this JVM's thread pool: a cluster (Apache Spark, see
 * {@code org.jurisim.experiment.spark.SparkEngine}). Only the computing moves: the experiment (the order in which
 * runs are committed, its files, resuming, summaries, charts) stays in this JVM, which is why an experiment's files
 * are the same byte for byte whichever engine computed them.
 */
public interface DistributedEngine extends AutoCloseable {

    /** The work of one unit (a replicate, or a point and replicate of a sweep), able to run in another JVM. */
    interface UnitTask<T extends Serializable> extends Serializable {
        /** Computes unit {@code unit}; may be called from several threads of one JVM at once. */
        T compute(int unit) throws Exception;
    }

    /** One line for summaries and manifests, e.g. "spark local[2] (2 cores)". */
    String describe();

    /** How many units can be computed at once. */
    int parallelism();

    /** Computes {@code task} for each of {@code units}; the results come back in the order of {@code units}. */
    <T extends Serializable> List<T> compute(UnitTask<T> task, int[] units) throws Exception;

    /**
     * Writes a CSV table of the experiment (written in this JVM) as Parquet.
     *
     * @param csv        the table
     * @param localTarget where it goes when the engine's workers share this machine's file system
     * @return where the Parquet data went (a path relative to the experiment directory, or a URI), or null when the
     *         engine was told not to write Parquet
     */
    String writeParquet(Path csv, Path localTarget) throws IOException;

    @Override
    void close();
}
