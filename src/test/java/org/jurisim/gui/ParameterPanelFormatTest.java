package org.jurisim.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import org.jurisim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The levers show numbers with a precision that suits the parameter: a value in force between two of the lever's
 * steps (a stay of days scaled by a proceedings event) shows to a tenth of a day, not to the last digit of a double;
 * shares keep their digits; counts are grouped. Runs without a display (the GUIState is stepped directly).
 */
class ParameterPanelFormatTest {

    @TempDir
    Path tmp;

    @Test
    void leversShowValuesInForceWithTheirParametersPrecision() throws Exception {
        // the proceedings speed up from 56 to 35 days: the border stays scale from 38 days to 38 x 35 / 56 = 23.75 days
        Path f = tmp.resolve("faster.yaml");
        Files.writeString(f, "extends: " + Path.of("scenarios", "small-demo.yaml").toAbsolutePath() + "\nname: Faster\nduration: 30d\n"
                + "ice: {detainerRate: 0.6612345}\n"
                + "events:\n  - {on: 2026-01-10, do: proceedings, meanDays: 35}\n", StandardCharsets.UTF_8);
        JuriSimGui gui = new JuriSimGui(ScenarioLoader.load(f), f);
        gui.start();
        while (gui.step()) {
            // to the end of the run
        }
        gui.finish();
        assertThat(gui.model().parameters().get("ice.borderStayDays").asDouble()).isEqualTo(23.75);
        AtomicReference<ParameterPanel> panel = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            panel.set(new ParameterPanel(gui));
            panel.get().refresh();
        });
        ParameterPanel p = panel.get();
        assertThat(onEdt(() -> p.shownText("ice.borderStayDays"))).as("days: a tenth of a day").isEqualTo("23.8");
        assertThat(onEdt(() -> p.shownText("ice.proceedingsMeanDays"))).isEqualTo("35");
        assertThat(onEdt(() -> p.shownText("ice.detainerRate"))).as("a share: four decimals at most").isEqualTo("0.6612");
        assertThat(onEdt(() -> p.shownText("ice.officers"))).as("a count, grouped").matches("\\d{1,3}(,\\d{3})*");
        // the control keeps the value in force (only its text is rounded), and nothing was asked for
        assertThat(Double.parseDouble(onEdt(() -> p.shownValue("ice.borderStayDays")))).isEqualTo(23.75);
        assertThat(gui.pendingParameters()).isEmpty();
    }

    @Test
    void decimalsFollowTheLeversStep() {
        assertThat(ParameterPanel.decimals(BigDecimal.ONE)).isEqualTo(1);
        assertThat(ParameterPanel.decimals(new BigDecimal("0.001"))).isEqualTo(4);
        assertThat(ParameterPanel.decimals(new BigDecimal("1E+1"))).isEqualTo(0);
        assertThat(ParameterPanel.pattern(0)).isEqualTo("#,##0");
        assertThat(ParameterPanel.pattern(2)).isEqualTo("#,##0.##");
    }

    private static <T> T onEdt(java.util.function.Supplier<T> s) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> out.set(s.get()));
        return out.get();
    }
}
