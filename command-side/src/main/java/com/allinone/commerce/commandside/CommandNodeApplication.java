package com.allinone.commerce.commandside;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The command node (DESIGN §2): aggregates and, through the sagas module's auto-configuration, the sagas. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class CommandNodeApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandNodeApplication.class, args);
    }
}
