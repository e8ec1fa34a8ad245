package dev.scanbench.harness.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The peak bandwidth the driver's clocks imply, checked against the datasheets it must reproduce. */
class DriverReportTest {

    @Test
    void anH100SxmsClocksGiveItsDatasheetBandwidth() {
        // H100 SXM5 80GB: HBM3 at 2,619 MHz on a 5,120-bit bus, 3.35 TB/s on the datasheet.
        assertThat(DriverReport.peakBandwidth(2_619_000, 5120)).isCloseTo(3.352e12, within(1e9));
    }

    @Test
    void anRtx3060sClocksGiveWhatNvbenchPrints() {
        // nvbench: "Global Memory Bus Peak: 360 GB/sec (192-bit DDR @7501MHz)".
        assertThat(DriverReport.peakBandwidth(7_501_000, 192)).isCloseTo(360.0e9, within(0.1e9));
    }
}
