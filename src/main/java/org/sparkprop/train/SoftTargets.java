package org.sparkprop.train;

import java.io.Serializable;
import org.sparkprop.nn.Distillation;

/**
 * A teacher's soft targets for one shard's rows, beside its samples: {@code p} is rows × classes
 * (row r for local row r of the shard), each row softmax(z_t/T) at the temperature of the
 * teacher's distillation settings, which also give the mixing weight α of the student's loss.
 * The teacher itself rides along: an augmented row is a new input, whose soft targets the
 * teacher computes as the batch is drawn.
 */
public record SoftTargets(float[] p, int rows, int classes, Teacher teacher)
    implements Serializable {

  public SoftTargets {
    if (teacher == null) {
      throw new IllegalArgumentException("soft targets need their teacher");
    }
    if (p.length != (long) rows * classes) {
      throw new IllegalArgumentException("soft targets have " + p.length + " values for "
          + rows + " rows x " + classes + " classes");
    }
  }

  /** The distillation settings: temperature and α. */
  public Distillation distillation() {
    return teacher.distillation();
  }
}
