package dev.scanbench.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProtocolTest {

    @Test
    void mapsTheCliNamesBothWays() {
        assertThat(Protocol.fromCliName("default")).isEqualTo(Protocol.DEFAULT);
        assertThat(Protocol.fromCliName("re-bench")).isEqualTo(Protocol.RE_BENCH);
        assertThat(Protocol.fromCliName("RE-BENCH")).isEqualTo(Protocol.RE_BENCH);
        for (Protocol p : Protocol.values()) {
            assertThat(Protocol.fromCliName(p.cliName())).isEqualTo(p);
        }
        assertThat(Mode.COLD.cliName()).isEqualTo("cold");
    }

    @Test
    void anUnknownNameListsTheAcceptedOnes() {
        assertThatThrownBy(() -> Protocol.fromCliName("rebench"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown protocol 'rebench'; expected one of default, re-bench");
    }
}
