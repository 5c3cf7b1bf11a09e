package io.optionchain.engine.desk;

import io.optionchain.engine.journal.JournalStorage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Random;

/**
 * The journal's files on a disk that can fill up: while {@link #full}, a write stores a random part of its bytes
 * (perhaps none) and fails with ENOSPC's message, and a sync fails, as on a full file system. A fake, because a test
 * cannot fill a real file system at a chosen moment without privileges; everything else is the real file.
 */
final class FullDisk implements JournalStorage {
    private final Random random;
    private boolean full;
    /** Syncs that still succeed before the disk fills by itself; negative for never. */
    private int syncsLeft = -1;
    int failedWrites;

    FullDisk(long seed) {
        random = new Random(seed);
    }

    void full(boolean on) {
        full = on;
        syncsLeft = -1;
    }

    /** The disk fills by itself right after {@code syncs} more successful syncs: between two journal records. */
    void fullAfterSyncs(int syncs) {
        syncsLeft = syncs;
    }

    boolean full() {
        return full;
    }

    @Override
    public FileChannel open(Path file, OpenOption... options) throws IOException {
        return new Channel(FileChannel.open(file, options));
    }

    private IOException noSpace() {
        failedWrites++;
        return new IOException("No space left on device");
    }

    private final class Channel extends FileChannel {
        private final FileChannel file;

        Channel(FileChannel file) {
            this.file = file;
        }

        /** Part of {@code source} stored, then the failure; or all of it when the disk has room. */
        private int write(ByteBuffer source, long position, boolean positional) throws IOException {
            if (!full) {
                return positional ? file.write(source, position) : file.write(source);
            }
            int room = random.nextInt(source.remaining() + 1);
            if (room > 0) {
                ByteBuffer part = source.slice();
                part.limit(room);
                int written = positional ? file.write(part, position) : file.write(part);
                source.position(source.position() + written);
            }
            throw noSpace();
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            return write(source, -1, false);
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            return write(source, position, true);
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += write(sources[i]);
            }
            return total;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (full) {
                throw noSpace();
            }
            file.force(metaData);
            if (syncsLeft > 0 && --syncsLeft == 0) {
                full = true;
            }
        }

        @Override
        public int read(ByteBuffer destination) throws IOException {
            return file.read(destination);
        }

        @Override
        public long read(ByteBuffer[] destinations, int offset, int length) throws IOException {
            return file.read(destinations, offset, length);
        }

        @Override
        public int read(ByteBuffer destination, long position) throws IOException {
            return file.read(destination, position);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);    // frees space: works on a full disk too
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
            if (full) {
                throw noSpace();
            }
            return file.transferFrom(source, position, count);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return file.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
