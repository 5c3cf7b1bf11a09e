package io.optionchain.engine.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * How the journal opens the files it writes. The application uses the file system as it is; the exactly-once proof
 * passes a stand-in whose writes fail for a while, as on a full disk, a failure a test cannot otherwise cause at a
 * chosen moment.
 */
@FunctionalInterface
public interface JournalStorage {
    JournalStorage FILES = FileChannel::open;

    FileChannel open(Path file, OpenOption... options) throws IOException;
}
