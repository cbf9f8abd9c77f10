package org.sparkprop.ml;

import java.util.Arrays;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.sparkprop.nn.Network;
import org.sparkprop.nn.NetworkSpec;
import org.sparkprop.train.JobConfig;
import org.sparkprop.train.Settings;

/**
 * Weights between MLlib's perceptron layout and sparkprop's Θ: MLlib keeps, layer after layer,
 * the M_k x M_{k-1} matrix W^k column-major and then the biases b^k; sparkprop keeps, layer after
 * layer, one row per unit with its bias first, θ^k_i0 = b^k_i and θ^k_ij = W^k_ij
 * ({@code ThetaLayout}). Use {@link #toTheta} to give an MLlib model's {@code weights} as
 * {@code initialWeights} (with {@code activation} sigmoid, MLlib's), {@link #toMllib} to give a
 * sparkprop network of MLlib's shape to MLlib.
 */
public final class MllibLayout {

  private MllibLayout() {}

  /** MLlib's network of these layer sizes: sigmoid hidden layers, softmax output, raw inputs. */
  public static NetworkSpec network(int[] layers) {
    Settings s = Settings.defaults()
        .with("layers", join(layers), "MLlib's perceptron")
        .with("activation", "sigmoid", "MLlib's perceptron")
        .with("output", "softmax", "MLlib's perceptron")
        .with("loss", "cross_entropy", "MLlib's perceptron")
        .with("standardize", "false", "MLlib's perceptron");
    return JobConfig.from(s).network();
  }

  /** MLlib's weights of a perceptron of {@code layers} as Θ. */
  public static Vector toTheta(int[] layers, Vector mllibWeights) {
    Network network = new Network(network(layers));
    requireSize(layers, mllibWeights.size(), network.parameterCount());
    double[] theta = new double[network.parameterCount()];
    int at = 0;
    for (int k = 1; k < layers.length; k++) {
      int in = layers[k - 1];
      int out = layers[k];
      for (int j = 0; j < in; j++) {
        for (int i = 0; i < out; i++) {
          theta[network.layout().index(k, i, j + 1)] = mllibWeights.apply(at + j * out + i);
        }
      }
      for (int i = 0; i < out; i++) {
        theta[network.layout().index(k, i, 0)] = mllibWeights.apply(at + in * out + i);
      }
      at += (in + 1) * out;
    }
    return Vectors.dense(theta);
  }

  /** Θ of a network of MLlib's shape ({@link #network}) in MLlib's layout. */
  public static Vector toMllib(int[] layers, Vector theta) {
    Network network = new Network(network(layers));
    requireSize(layers, theta.size(), network.parameterCount());
    double[] weights = new double[theta.size()];
    int at = 0;
    for (int k = 1; k < layers.length; k++) {
      int in = layers[k - 1];
      int out = layers[k];
      for (int j = 0; j < in; j++) {
        for (int i = 0; i < out; i++) {
          weights[at + j * out + i] = theta.apply(network.layout().index(k, i, j + 1));
        }
      }
      for (int i = 0; i < out; i++) {
        weights[at + in * out + i] = theta.apply(network.layout().index(k, i, 0));
      }
      at += (in + 1) * out;
    }
    return Vectors.dense(weights);
  }

  private static void requireSize(int[] layers, int size, int expected) {
    if (size != expected) {
      throw new IllegalArgumentException("weights have " + size + " values but layers "
          + Arrays.toString(layers) + " have " + expected + " parameters");
    }
  }

  private static String join(int[] layers) {
    StringBuilder b = new StringBuilder();
    for (int m : layers) {
      b.append(b.length() == 0 ? "" : ",").append(m);
    }
    return b.toString();
  }
}
