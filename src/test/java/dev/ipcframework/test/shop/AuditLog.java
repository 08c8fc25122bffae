package dev.ipcframework.test.shop;

import org.springframework.stereotype.Service;

/**
 * A service of the application that no handler uses, which an {@code @IpcTest} leaves out.
 */
@Service
public class AuditLog {

}
