package org.sparkprop.fit;

import java.util.Arrays;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparkprop.spark.SampleRow;

/**
 * Column checks in MLlib's words ("Column features must be of type vector ... but was actually
 * string."), made on the schema before any job runs, and the per-row checks of values that only
 * the data can show (sizes, NaN, labels), made on the executors while rows are read.
 */
public final class Columns {

  private Columns() {}

  /** The field called {@code name}, or an error that lists the columns there are. */
  public static StructField field(StructType schema, String name) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("Column " + name + " does not exist. Available columns: "
        + String.join(", ", schema.fieldNames()) + ".");
  }

  /** A type's name as MLlib users know it: "vector" for vectors, else the SQL name. */
  public static String typeName(DataType type) {
    return type instanceof VectorUDT ? "vector" : type.catalogString();
  }

  public static boolean isVector(DataType type) {
    return type instanceof VectorUDT;
  }

  public static boolean isRealArray(DataType type) {
    return type instanceof ArrayType a
        && (a.elementType().equals(DataTypes.DoubleType) || a.elementType().equals(DataTypes.FloatType));
  }

  public static boolean isNumericArray(DataType type) {
    return type instanceof ArrayType a && a.elementType() instanceof NumericType;
  }

  /**
   * Checks that the features column is a vector or array&lt;float|double&gt; and, when its
   * metadata tells the size (as VectorAssembler's does), that the size is {@code inputs}.
   */
  public static void requireFeatures(StructType schema, String col, int inputs) {
    StructField f = field(schema, col);
    DataType type = f.dataType();
    if (!isVector(type) && !isRealArray(type)) {
      throw new IllegalArgumentException("Column " + col + " must be of type vector (or"
          + " array<double>, array<float>) but was actually " + typeName(type) + ".");
    }
    if (isVector(type)) {
      int size = AttributeGroup.fromStructField(f).size();
      if (size >= 0 && size != inputs) {
        throw new IllegalArgumentException("Column " + col + " holds vectors of size " + size
            + " but layers[0] is " + inputs + "; the first layer size must be the number of"
            + " features");
      }
    }
  }

  /** Checks a classification label column: numeric (index string labels with StringIndexer). */
  public static void requireClassLabel(StructType schema, String col) {
    DataType type = field(schema, col).dataType();
    if (!(type instanceof NumericType)) {
      throw new IllegalArgumentException(notNumeric(col, type) + (type.equals(
          DataTypes.StringType) ? " Turn string labels into indices with StringIndexer." : ""));
    }
  }

  /**
   * Checks a regression label column: numeric for one output, or a vector or numeric array for
   * {@code outputs} outputs (its size is checked when the metadata tells it).
   */
  public static void requireRegressionLabel(StructType schema, String col, int outputs) {
    StructField f = field(schema, col);
    DataType type = f.dataType();
    if (type instanceof NumericType) {
      if (outputs != 1) {
        throw new IllegalArgumentException("Column " + col + " is a single number per row but"
            + " layers ends with " + outputs + " outputs; a multi-output regression needs a"
            + " vector or array label column of that size");
      }
      return;
    }
    if (!isVector(type) && !isNumericArray(type)) {
      throw new IllegalArgumentException("Column " + col + " must be of type numeric, vector or"
          + " array<double> but was actually " + typeName(type) + ".");
    }
    if (isVector(type)) {
      int size = AttributeGroup.fromStructField(f).size();
      if (size >= 0 && size != outputs) {
        throw new IllegalArgumentException("Column " + col + " holds vectors of size " + size
            + " but layers ends with " + outputs + " outputs");
      }
    }
  }

  /** Checks a weight column: numeric. */
  public static void requireWeight(StructType schema, String col) {
    DataType type = field(schema, col).dataType();
    if (!(type instanceof NumericType)) {
      throw new IllegalArgumentException(notNumeric(col, type));
    }
  }

  /** MLlib's words (Spark's SchemaUtils.checkNumericType) for a column that is not numeric. */
  private static String notNumeric(String col, DataType type) {
    return "Column " + col + " must be of type numeric but was actually of type "
        + type.catalogString() + ".";
  }

  /** {@code schema} with a new column; an existing one of that name is an error. */
  public static StructType append(StructType schema, String name, DataType type,
      Metadata metadata) {
    if (Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException("Column " + name + " already exists.");
    }
    return schema.add(new StructField(name, type, false, metadata));
  }

  /** The metadata of a vector column of known size. */
  public static Metadata vectorMetadata(String name, int size) {
    return new AttributeGroup(name, size).toMetadata();
  }

  /** The vector type. */
  public static DataType vectorType() {
    return SQLDataTypes.VectorType();
  }

  // ---- values (run on executors) ----------------------------------------------------------

  /**
   * Copies the features of one row into {@code x} at {@code off}: a vector or a float/double
   * array of exactly {@code inputs} values. With {@code finite}, NaN and infinite values are
   * errors naming the column, the position and the value.
   */
  public static void features(Object value, String col, int inputs, float[] x, int off,
      boolean finite) {
    if (value == null) {
      throw new BadRowException(col, "Column " + col + " has a null value; every row needs"
          + " its features");
    }
    if (value instanceof DenseVector v) {
      requireSize(col, v.size(), inputs);
      double[] values = v.values();
      for (int j = 0; j < inputs; j++) {
        x[off + j] = (float) values[j];
      }
    } else if (value instanceof SparseVector v) {
      requireSize(col, v.size(), inputs);
      Arrays.fill(x, off, off + inputs, 0f);
      int[] indices = v.indices();
      double[] values = v.values();
      for (int i = 0; i < indices.length; i++) {
        x[off + indices[i]] = (float) values[i];
      }
    } else if (value instanceof Vector v) {
      requireSize(col, v.size(), inputs);
      for (int j = 0; j < inputs; j++) {
        x[off + j] = (float) v.apply(j);
      }
    } else if (value instanceof scala.collection.Seq<?> seq) {
      requireSize(col, seq.length(), inputs);
      for (int j = 0; j < inputs; j++) {
        Object e = seq.apply(j);
        if (e == null) {
          throw new BadRowException(col, "Column " + col + " has a null at index " + j
              + "; features must be numbers");
        }
        x[off + j] = ((Number) e).floatValue();
      }
    } else if (value instanceof java.util.List<?> list) {
      requireSize(col, list.size(), inputs);
      for (int j = 0; j < inputs; j++) {
        Object e = list.get(j);
        if (e == null) {
          throw new BadRowException(col, "Column " + col + " has a null at index " + j
              + "; features must be numbers");
        }
        x[off + j] = ((Number) e).floatValue();
      }
    } else {
      throw new BadRowException(col, "Column " + col + " has a value of class "
          + value.getClass().getName() + "; expected a vector or an array");
    }
    if (finite) {
      for (int j = 0; j < inputs; j++) {
        float f = x[off + j];
        if (!Float.isFinite(f)) {
          throw new BadRowException(col, "Column " + col + " has " + f + " at index " + j
              + " of a row; features must be finite numbers (no NaN or infinity)");
        }
      }
    }
  }

  /**
   * A sparse features vector of exactly {@code inputs} values as a sparse sample row (its stored
   * entries only), with targets {@code t} and weight {@code w}; NaN and infinite values are
   * errors naming the column, the position and the value.
   */
  public static SampleRow sparseFeatures(SparseVector v, String col, int inputs, float[] t,
      float w) {
    requireSize(col, v.size(), inputs);
    int[] indices = v.indices();
    double[] values = v.values();
    float[] x = new float[indices.length];
    for (int e = 0; e < indices.length; e++) {
      x[e] = (float) values[e];
      if (!Float.isFinite(x[e])) {
        throw new BadRowException(col, "Column " + col + " has " + x[e] + " at index "
            + indices[e] + " of a row; features must be finite numbers (no NaN or infinity)");
      }
    }
    return SampleRow.sparse(indices.clone(), x, t, w);
  }

  static void requireSize(String col, int size, int inputs) {
    if (size != inputs) {
      throw new BadRowException(col, "Column " + col + " has a row of " + size
          + " values but layers[0] is " + inputs + "; every row needs exactly " + inputs
          + " features");
    }
  }

  /**
   * The target row of a class label: one-hot over {@code outputs} classes, or the label itself
   * for a single sigmoid output (labels 0 and 1).
   */
  public static float[] classTarget(Object value, String col, int outputs) {
    if (value == null) {
      throw new BadRowException(col, "Column " + col + " has a null value; every training"
          + " row needs a label");
    }
    float[] t = new float[outputs];
    classTarget(((Number) value).doubleValue(), col, outputs, t, 0);
    return t;
  }

  /**
   * Writes the target row of class {@code label} (as {@link #classTarget(Object, String, int)}
   * makes it) to {@code t[at, at + outputs)}.
   */
  public static void classTarget(double label, String col, int outputs, float[] t, int at) {
    int classes = Math.max(2, outputs);
    if (!(label >= 0 && label < classes && label == Math.rint(label))) {
      throw new BadRowException(col, "Column " + col + " has the label " + label
          + "; classification labels must be integers in [0, " + classes + ") for layers that"
          + " end with " + outputs + " output"
          + (outputs == 1 ? " (sigmoid: labels 0 and 1)" : "s"));
    }
    java.util.Arrays.fill(t, at, at + outputs, 0f);
    if (outputs == 1) {
      t[at] = (float) label;
    } else {
      t[at + (int) label] = 1f;
    }
  }

  /** The target row of a regression label: one number, or a vector/array of {@code outputs}. */
  public static float[] regressionTarget(Object value, String col, int outputs) {
    if (value == null) {
      throw new BadRowException(col, "Column " + col + " has a null value; every training"
          + " row needs a label");
    }
    float[] t = new float[outputs];
    if (value instanceof Number n) {
      t[0] = n.floatValue();
    } else {
      int size = value instanceof Vector v ? v.size()
          : value instanceof scala.collection.Seq<?> s ? s.length()
          : ((java.util.List<?>) value).size();
      if (size != outputs) {
        throw new BadRowException(col, "Column " + col + " has a label of " + size
            + " values but layers ends with " + outputs + " outputs");
      }
      for (int j = 0; j < outputs; j++) {
        Object e = value instanceof Vector v ? (Object) v.apply(j)
            : value instanceof scala.collection.Seq<?> s ? s.apply(j)
            : ((java.util.List<?>) value).get(j);
        if (e == null) {
          throw new BadRowException(col, "Column " + col + " has a null at index " + j
              + " of a label; regression targets must be numbers");
        }
        t[j] = ((Number) e).floatValue();
      }
    }
    for (int j = 0; j < outputs; j++) {
      if (!Float.isFinite(t[j])) {
        throw new BadRowException(col, "Column " + col + " has the label value " + t[j]
            + "; regression targets must be finite numbers");
      }
    }
    return t;
  }
}
