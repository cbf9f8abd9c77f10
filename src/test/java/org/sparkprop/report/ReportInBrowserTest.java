package org.sparkprop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report page as a browser shows it: headless Chromium (installed by scripts/test) opens the
 * file (a file:// URL, no server, no network) and takes a screenshot, which must show the page's
 * text and charts, not a blank or broken page.
 */
@Tag("browser")
class ReportInBrowserTest {

  private static final int WIDTH = 1200;
  private static final int HEIGHT = 2600;

  @Test
  void chromiumShowsTheReport(@TempDir Path dir) throws Exception {
    String browser = browser();
    Assumptions.assumeTrue(browser != null, "no chromium on the PATH: scripts/test installs it"
        + " (apt-get install chromium); the browser test is skipped");
    Path page = RunReport.write(ReportFixtures.classifier(), dir.resolve("run"));
    Path shot = dir.resolve("shot.png");
    Process p = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu",
        "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + dir.resolve("profile"),
        "--screenshot=" + shot, "--window-size=" + WIDTH + "," + HEIGHT,
        page.toUri().toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
    boolean ended = p.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    String log = Files.readString(dir.resolve("chromium.log"), StandardCharsets.UTF_8);
    assertTrue(ended, "chromium did not finish in 120 s: " + log);
    assertTrue(Files.exists(shot), "no screenshot; chromium said: " + log);
    BufferedImage image = ImageIO.read(shot.toFile());
    assertNotNull(image, "the screenshot does not decode");
    assertEquals(WIDTH, image.getWidth());
    assertEquals(HEIGHT, image.getHeight());
    long inked = 0;
    long blue = 0;
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        if (r < 235 || g < 235 || b < 235) {
          inked++;
        }
        if (b > r + 60 && b > g + 20) {
          blue++;
        }
      }
    }
    double share = (double) inked / ((long) WIDTH * HEIGHT);
    // Measured on the fixture's page (Chromium 156, Debian 12): 0.143 of the pixels are not white,
    // 56,989 are blue and the screenshot has 4,784 colours.
    assertTrue(share > 0.05, "the page looks blank: " + share + " of its pixels are inked");
    // The curves and the heat map are blue: a page whose images failed shows none of it.
    assertTrue(blue > 20_000, "the charts are not drawn: " + blue + " blue pixels");
    assertTrue(ReportPages.colours(image) > 50, "too few colours for charts");
  }

  /** The first of chromium, chromium-browser, google-chrome on the PATH, or null. */
  private static String browser() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(d, name))) {
          return Path.of(d, name).toString();
        }
      }
    }
    return null;
  }
}
