package org.sparkprop.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Optional;

/** Scores rows with ONNX Runtime: the independent implementation the exported models face. */
public final class OnnxRuntimeScorer implements AutoCloseable {

  /** What the graph computed for a batch: {@code output} (rows × width) and {@code class}. */
  public record Scores(float[][] output, long[] classes) {}

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;

  public OnnxRuntimeScorer(byte[] model) throws OrtException {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      session = env.createSession(model, options);
    }
  }

  /** Runs {@code rows} rows of x (row-major, {@code cols} columns). */
  public Scores score(float[] x, int rows, int cols) throws OrtException {
    try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x, 0, rows * cols),
            new long[] {rows, cols});
        OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, in))) {
      float[][] out = (float[][]) result.get(OnnxExporter.OUTPUT).orElseThrow().getValue();
      Optional<OnnxValue> cls = result.get(OnnxExporter.CLASS);
      long[] classes = cls.isPresent() ? (long[]) cls.get().getValue() : null;
      return new Scores(out, classes);
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
