package org.sparkprop.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sparkprop.data.IdxReader;
import org.sparkprop.data.RawData;
import org.sparkprop.data.Targets;
import org.sparkprop.train.Samples;

/** Fashion-MNIST as the benchmark uses it: pixels scaled to [0, 1], one-hot targets. */
record FashionData(RawData trainRaw, RawData testRaw, Samples train, Samples test) {

  static final int CLASSES = 10;

  static FashionData load(Path dir) {
    Path trainImages = dir.resolve("train-images-idx3-ubyte.gz");
    Path testImages = dir.resolve("t10k-images-idx3-ubyte.gz");
    if (!Files.exists(trainImages) || !Files.exists(testImages)) {
      throw new IllegalArgumentException("Fashion-MNIST is not in " + dir
          + " (run scripts/get-data fashion-mnist)");
    }
    RawData train = IdxReader.read(trainImages, IdxReader.labelsFor(trainImages), true);
    RawData test = IdxReader.read(testImages, IdxReader.labelsFor(testImages), true);
    return new FashionData(train, test, Targets.oneHot(train, CLASSES),
        Targets.oneHot(test, CLASSES));
  }

  /** The first {@code rows} training samples (a view for overhead measurements). */
  Samples trainHead(int rows) {
    int n = Math.min(rows, train.rows());
    float[] x = java.util.Arrays.copyOf(train.x(), n * train.inputs());
    float[] t = java.util.Arrays.copyOf(train.t(), n * train.outputs());
    return new Samples(x, t, n, train.inputs(), train.outputs());
  }
}
