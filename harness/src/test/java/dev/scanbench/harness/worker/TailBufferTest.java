package dev.scanbench.harness.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TailBufferTest {

    @Test
    void keepsEverythingWhileItFits() {
        TailBuffer tail = new TailBuffer(16);
        tail.append("hello ");
        tail.append("world");
        assertThat(tail.text()).isEqualTo("hello world");
    }

    @Test
    void keepsTheLastBytesAndSaysHowManyWereDropped() {
        TailBuffer tail = new TailBuffer(8);
        tail.append("0123456789");
        tail.append("abc");
        assertThat(tail.text()).isEqualTo("[... 5 earlier bytes dropped]\n56789abc");
    }

    @Test
    void aWriteLongerThanTheBufferKeepsItsEnd() {
        TailBuffer tail = new TailBuffer(4);
        tail.append("xy");
        byte[] bytes = "0123456789".getBytes(StandardCharsets.UTF_8);
        tail.append(bytes, 1, 9);
        assertThat(tail.text()).isEqualTo("[... 7 earlier bytes dropped]\n6789");
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new TailBuffer(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
