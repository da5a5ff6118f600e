package dev.sovereign.cli;

import picocli.CommandLine;

/** Reads the version Maven wrote into the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"sov " + (version == null ? "dev" : version) + " (Java " + Runtime.version() + ")"};
    }
}
