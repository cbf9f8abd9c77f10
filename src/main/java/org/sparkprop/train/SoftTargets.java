package org.sparkprop.train;

import java.io.Serializable;
import org.sparkprop.nn.Distillation;

/**
 * A teacher's soft targets for one shard's rows, beside its samples: {@code p} is rows × classes
 * (row r for local row r of the shard), each row softmax(z_t/T) at the temperature of
 * {@code distillation}, which also gives the mixing weight α of the student's loss.
 */
public record SoftTargets(float[] p, int rows, int classes, Distillation distillation)
    implements Serializable {

  public SoftTargets {
    if (distillation == null) {
      throw new IllegalArgumentException("soft targets need their distillation settings");
    }
    if (p.length != (long) rows * classes) {
      throw new IllegalArgumentException("soft targets have " + p.length + " values for "
          + rows + " rows x " + classes + " classes");
    }
  }
}
