package dev.ipcframework.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The server as the integration tests run it: the auto-configuration plus the handlers in this package.
 */
@SpringBootApplication
public class TestIpcApplication {

}
