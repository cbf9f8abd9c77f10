package org.sparkprop.train;

import java.io.Serializable;
import org.sparkprop.nn.Distillation;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.nn.Workspace;

/**
 * A trained network whose outputs a student learns from ({@link Distillation}): its network,
 * its weights Θ_t and the distillation settings. The teacher must take the student's inputs and
 * give class probabilities over the student's classes.
 */
public record Teacher(Network network, float[] theta, Distillation distillation)
    implements Serializable {

  public Teacher {
    if (theta.length != network.parameterCount()) {
      throw new IllegalArgumentException("the teacher's weights have " + theta.length
          + " values; its network has " + network.parameterCount() + " parameters");
    }
  }

  /**
   * Checks that this teacher can teach {@code student}, naming what differs; {@code source} names
   * the teacher in the message (its model directory).
   */
  public void checkTeaches(NetworkSpec student, String source) {
    NetworkSpec t = network.spec();
    String studentProblem = Distillation.incompatibility(student.output(), student.loss());
    if (studentProblem != null) {
      throw new IllegalArgumentException(studentProblem);
    }
    if (!t.classifies() || Distillation.incompatibility(t.output(), t.loss()) != null) {
      throw new IllegalArgumentException("distill.teacher " + source + " is not a classifier"
          + " with a softmax output (output=" + t.output().name() + ", loss=" + t.loss().name()
          + "); a teacher must give class probabilities");
    }
    if (t.size(0) != student.size(0) || t.size(t.depth()) != student.size(student.depth())) {
      throw new IllegalArgumentException("distill.teacher " + source + " maps " + t.size(0)
          + " inputs to " + t.size(t.depth()) + " classes; the student maps " + student.size(0)
          + " inputs to " + student.size(student.depth()) + " classes, and they must agree");
    }
  }

  /**
   * Writes into {@code p} (from offset 0) the soft targets of the {@code rows} inputs of
   * {@code x} (from offset 0), using {@code ws}, a workspace of this teacher's network.
   */
  public void softTargets(float[] x, int rows, Workspace ws, float[] p) {
    int classes = network.spec().size(network.spec().depth());
    float[] s = network.forward(theta, x, 0, rows, ws);
    System.arraycopy(s, 0, p, 0, rows * classes);
    distillation.soften(p, 0, rows, classes, ws.classScratch());
  }

  /**
   * The soft targets of {@code samples}: the teacher's class probabilities (inference mode) at
   * the distillation's temperature, computed in chunks by one worker.
   */
  public SoftTargets softTargets(Samples samples) {
    int classes = samples.outputs();
    float[] p = new float[samples.rows() * classes];
    float[] row = new float[classes];
    new ShardWorker(network).forEachOutput(theta, samples, (from, rows, s) -> {
      System.arraycopy(s, 0, p, from * classes, rows * classes);
      distillation.soften(p, from * classes, rows, classes, row);
    });
    return new SoftTargets(p, samples.rows(), classes, this);
  }
}
