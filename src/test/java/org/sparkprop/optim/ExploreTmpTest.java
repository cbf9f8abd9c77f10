package org.sparkprop.optim;

import org.junit.jupiter.api.Test;

class ExploreTmpTest {
  @Test
  void explore() {
    int d = 10;
    double[] a = new double[d];
    double[] c = new double[d];
    for (int i = 0; i < d; i++) {
      a[i] = 0.1 * Math.pow(100, i / (double) (d - 1));
      c[i] = (i % 2 == 0 ? 1 : -1) * (0.5 + 0.05 * i);
    }
    for (String name : Optimizers.NAMES) {
      for (double lr : new double[] {Double.NaN, 0.01}) {
        Optimizer opt;
        try {
          opt = Optimizers.parse(name, OptimizerSettings.DEFAULTS.withStepSize(lr));
        } catch (Exception e) {
          continue;
        }
        float[] th = new float[d];
        float[] g = new float[d];
        OptimizerState st = opt.init(d);
        StringBuilder b = new StringBuilder(opt + ": ");
        double[] tols = {1e-2, 1e-3, 1e-4};
        int ti = 0;
        double last = 0;
        for (int t = 1; t <= 50000; t++) {
          for (int i = 0; i < d; i++) g[i] = (float) (a[i] * (th[i] - c[i]));
          opt.update(th, g, st);
          double err = 0;
          for (int i = 0; i < d; i++) err = Math.max(err, Math.abs(th[i] - c[i]));
          last = err; if (t==1000||t==2000||t==5000||t==10000||t==20000||t==50000) b.append(" ["+t+": "+(float)err+"]");
          while (ti < tols.length && err < tols[ti]) { b.append(tols[ti]).append("@").append(t).append(" "); ti++; }
        }
        
        System.out.println(b);
      }
    }
  }
}
