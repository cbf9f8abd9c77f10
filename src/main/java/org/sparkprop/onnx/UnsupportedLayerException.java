package org.sparkprop.onnx;

/**
 * A layer of the network has no ONNX equivalent, so the network is not exported: nothing is
 * written. An {@link IllegalArgumentException}, as the command line reports it as a usage error.
 */
public class UnsupportedLayerException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final int layer;
  private final String feature;

  /**
   * @param layer the layer k (1 … L) that cannot be expressed
   * @param feature what it has that ONNX cannot express, as its setting names it (e.g. an
   *     activation's name)
   */
  public UnsupportedLayerException(int layer, String feature) {
    super("layer " + layer + " (" + feature + ") has no ONNX equivalent; ONNX export supports"
        + " the activations " + OnnxExporter.SUPPORTED_ACTIVATIONS
        + ", layer and batch normalization, skip and residual connections");
    this.layer = layer;
    this.feature = feature;
  }

  /** The layer k that cannot be expressed. */
  public int layer() {
    return layer;
  }

  /** What that layer has that ONNX cannot express. */
  public String feature() {
    return feature;
  }
}
