package org.sparkprop.onnx;

import java.util.ArrayList;
import java.util.List;
import org.sparkprop.onnx.proto.Onnx.AttributeProto;
import org.sparkprop.onnx.proto.Onnx.GraphProto;
import org.sparkprop.onnx.proto.Onnx.NodeProto;
import org.sparkprop.onnx.proto.Onnx.TensorProto;
import org.sparkprop.onnx.proto.Onnx.TensorShapeProto;
import org.sparkprop.onnx.proto.Onnx.TypeProto;
import org.sparkprop.onnx.proto.Onnx.ValueInfoProto;

/**
 * An ONNX graph under construction: nodes in execution order, constant tensors (initializers),
 * and float32 inputs and outputs of shape (N, width) with a symbolic batch dimension N.
 */
final class GraphBuilder {

  /** The symbolic name of the batch dimension in inputs and outputs. */
  static final String BATCH = "N";

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private int nodes;

  GraphBuilder(String name) {
    graph.setName(name);
  }

  /** Declares a graph input of shape (N, width). */
  void input(String name, int width) {
    graph.addInput(value(name, TensorProto.DataType.FLOAT, width));
  }

  /** Declares a float32 graph output of shape (N, width). */
  void output(String name, int width) {
    graph.addOutput(value(name, TensorProto.DataType.FLOAT, width));
  }

  /** Declares an int64 graph output of shape (N). */
  void int64Output(String name) {
    TensorShapeProto shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH)).build();
    graph.addOutput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder()
            .setElemType(TensorProto.DataType.INT64_VALUE).setShape(shape))));
  }

  private static ValueInfoProto value(String name, TensorProto.DataType type, int width) {
    TensorShapeProto shape = TensorShapeProto.newBuilder()
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH))
        .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width)).build();
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.getNumber())
            .setShape(shape))).build();
  }

  /** A float32 constant of shape {@code dims} (row-major values), returns its name. */
  String constant(String name, float[] values, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name)
        .setDataType(TensorProto.DataType.FLOAT_VALUE);
    for (long d : dims) {
      t.addDims(d);
    }
    for (float v : values) {
      t.addFloatData(v);
    }
    graph.addInitializer(t);
    return name;
  }

  /** A one-dimensional int64 constant, returns its name. */
  String int64Constant(String name, long... values) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name)
        .setDataType(TensorProto.DataType.INT64_VALUE).addDims(values.length);
    for (long v : values) {
      t.addInt64Data(v);
    }
    graph.addInitializer(t);
    return name;
  }

  /** Appends a node of the default domain; returns its (single) output name. */
  String node(String op, String output, List<String> inputs, AttributeProto... attributes) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op)
        .setName(op + "_" + nodes++).addAllInput(inputs).addOutput(output);
    for (AttributeProto a : attributes) {
      n.addAttribute(a);
    }
    graph.addNode(n);
    return output;
  }

  /** As {@link #node(String, String, List, AttributeProto...)} with the inputs listed. */
  String node(String op, String output, String... inputs) {
    return node(op, output, List.of(inputs));
  }

  static AttributeProto intAttribute(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
        .setI(value).build();
  }

  static AttributeProto floatAttribute(String name, float value) {
    return AttributeProto.newBuilder().setName(name)
        .setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
  }

  static AttributeProto intsAttribute(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
        .setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  /** The names as a list (for {@link #node(String, String, List, AttributeProto...)}). */
  static List<String> names(String... names) {
    return new ArrayList<>(List.of(names));
  }

  GraphProto build() {
    return graph.build();
  }
}
