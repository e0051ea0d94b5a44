package org.qatlas.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SparkSettingsTest {
    @Test
    void failedRunsAreNotRetriedAndALocalDriverStaysOnLoopback() {
        SparkConf conf = SparkSettings.of("local[2]", Map.of());
        assertEquals("local[2]", conf.get("spark.master"));
        assertEquals("1", conf.get("spark.task.maxFailures"));
        assertEquals("127.0.0.1", conf.get("spark.driver.host"));
        assertEquals("PASSIVE", conf.get("spark.executorEnv.OMP_WAIT_POLICY"));
        assertFalse(conf.contains("spark.executor.extraClassPath"), "local executors share the driver's class path");
    }

    @Test
    void theUsersSettingsWinOverTheDefaults() {
        SparkConf conf = SparkSettings.of("local[2]", Map.of("spark.task.maxFailures", "3", "spark.ui.enabled", "true"));
        assertEquals("3", conf.get("spark.task.maxFailures"));
        assertEquals("true", conf.get("spark.ui.enabled"));
    }

    @Test
    void clusterExecutorsGetTheDriversClassPathUnlessJarsAreGiven() {
        SparkConf cluster = SparkSettings.of("spark://head.example:7077", Map.of());
        assertEquals(System.getProperty("java.class.path"), cluster.get("spark.executor.extraClassPath"));
        assertFalse(cluster.contains("spark.driver.host"), "executors elsewhere must reach the driver by its own address");
        assertFalse(SparkSettings.of("spark://head.example:7077", Map.of("spark.jars", "/shared/qatlas.jar"))
                .contains("spark.executor.extraClassPath"));
        assertEquals("127.0.0.1", SparkSettings.of("spark://localhost:7077", Map.of()).get("spark.driver.host"));
    }

    @Test
    void anOptionThatIsNotASparkSettingIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkSettings.of("local[2]", Map.of("executor.memory", "4g")));
        assertEquals("spark: executor.memory is not a Spark setting; settings are named as in Spark's configuration,"
                + " e.g. spark.executor.memory", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SparkSettings.of(" ", Map.of())).getMessage()
                .startsWith("spark: the master is missing; give local[N]"));
    }

    @Test
    void standaloneMastersAreReadWithTheirStandbys() {
        assertEquals(List.of(InetSocketAddress.createUnresolved("a", 7077), InetSocketAddress.createUnresolved("b.example", 7078)),
                MasterProbe.standaloneAddresses("spark://a:7077,b.example:7078"));
        assertEquals(List.of(), MasterProbe.standaloneAddresses("local[4]"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MasterProbe.standaloneAddresses("spark://head"));
        assertEquals("spark: the master spark://head has no host:port in 'head'; write it as spark://host:7077", e.getMessage());
    }
}
