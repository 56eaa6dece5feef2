// lrcg warm worker for Java (protocol: see py_forkserver.py; replies echo the request's "id").
// Compiles each program in memory with javax.tools (the same options as the javac command line; the
// compiler and its file manager stay warm) and runs its main() in a throw-away class loader (fresh
// statics), with assertions on, an 8 MB stack, System.out/err redirected to the program's files, and
// System.exit turned into the program's exit code (a SecurityManager; run with
// -Djava.security.manager=allow). After a timeout or an OutOfMemoryError the worker answers and exits,
// so the host starts a fresh JVM: a stopped or starved program can leave nothing behind.
import java.io.*;
import java.lang.reflect.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.regex.*;
import javax.tools.*;

public class JavaWorker {
    static final String JAVATUPLES = "/usr/share/java/javatuples.jar";
    static final JavaCompiler COMPILER = ToolProvider.getSystemJavaCompiler();
    static final StandardJavaFileManager FILES = COMPILER.getStandardFileManager(null, null, StandardCharsets.UTF_8);
    static URLClassLoader libraries;
    static volatile ThreadGroup programGroup;

    static final class ExitCalled extends SecurityException {
        final int status;
        ExitCalled(int status) { super("System.exit(" + status + ")"); this.status = status; }
    }

    static final class MemoryFiles extends ForwardingJavaFileManager<StandardJavaFileManager> {
        final Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        MemoryFiles() { super(FILES); }
        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override public OutputStream openOutputStream() {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    classes.put(className, bytes);
                    return bytes;
                }
            };
        }
    }

    static final class ProgramLoader extends ClassLoader {
        final Map<String, ByteArrayOutputStream> classes;
        ProgramLoader(Map<String, ByteArrayOutputStream> classes, ClassLoader parent) { super(parent); this.classes = classes; }
        @Override protected Class<?> findClass(String name) throws ClassNotFoundException {
            ByteArrayOutputStream bytes = classes.get(name);
            if (bytes == null) throw new ClassNotFoundException(name);
            byte[] b = bytes.toByteArray();
            return defineClass(name, b, 0, b.length);
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": *(\"((?:[^\"\\\\]|\\\\.)*)\"|[-0-9.eE+]+|null|true|false)").matcher(json);
        if (!m.find()) return null;
        return m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(1);
    }

    public static void main(String[] args) throws Exception {
        new ExitCalled(0);  // load every class of ours before any program runs
        new ProgramLoader(Map.of(), null);
        libraries = new URLClassLoader(new URL[]{new File(JAVATUPLES).toURI().toURL()}, JavaWorker.class.getClassLoader().getParent());
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setSecurityManager(new SecurityManager() {
            @Override public void checkPermission(java.security.Permission p) { }
            @Override public void checkPermission(java.security.Permission p, Object context) { }
            @Override public void checkExit(int status) {
                ThreadGroup g = programGroup;
                if (g != null && g.parentOf(Thread.currentThread().getThreadGroup())) throw new ExitCalled(status);
            }
        });
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) continue;
            String[] reply = handle(line);
            protocol.println("{\"id\": \"" + field(line, "id") + "\", \"exit_code\": " + reply[0] + ", \"timed_out\": " + reply[1]
                             + ", \"compile_failed\": " + reply[2] + "}");
            protocol.flush();
            if (reply[3] != null) {  // timed out or out of memory: this JVM may hold a stuck thread; start afresh
                Runtime.getRuntime().halt(0);
            }
        }
    }

    static String[] handle(String request) throws Exception {
        String dir = field(request, "dir");
        String file = field(request, "file");
        String mainClass = field(request, "main_class");
        double timeout = Double.parseDouble(field(request, "timeout"));
        try (PrintStream out = new PrintStream(new FileOutputStream(dir + "/.lrcg-stdout"), true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(new FileOutputStream(dir + "/.lrcg-stderr"), true, StandardCharsets.UTF_8)) {
            MemoryFiles memory = new MemoryFiles();
            StringWriter diagnostics = new StringWriter();
            List<String> options = List.of("-nowarn", "-encoding", "UTF-8", "-cp", JAVATUPLES);
            Iterable<? extends JavaFileObject> units = FILES.getJavaFileObjects(new File(dir, file));
            boolean compiled;
            try {
                compiled = COMPILER.getTask(diagnostics, memory, null, options, null, units).call();
            } catch (RuntimeException e) {
                diagnostics.write(e.toString());
                compiled = false;
            }
            if (!compiled) {
                err.print(diagnostics);
                return new String[]{"1", "false", "true", null};
            }
            return run(memory, mainClass, timeout, out, err);
        }
    }

    static String[] run(MemoryFiles memory, String mainClass, double timeout, PrintStream out, PrintStream err) throws Exception {
        ProgramLoader loader = new ProgramLoader(memory.classes, libraries);
        loader.setDefaultAssertionStatus(true);
        ThreadGroup group = new ThreadGroup("lrcg-program");
        final int[] exit = {0};
        final boolean[] outOfMemory = {false};
        Runnable body = () -> {
            try {
                Class<?> cls = Class.forName(mainClass, true, loader);
                Method main = cls.getMethod("main", String[].class);
                main.setAccessible(true);
                main.invoke(null, (Object) new String[0]);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                exit[0] = report(cause, err, outOfMemory);
            } catch (ExitCalled e) {
                exit[0] = e.status;
            } catch (Throwable e) {
                // no such class / no main(): what `java` says, with its exit code
                err.println("Error: Could not find or load main class " + mainClass);
                err.println("Caused by: " + e);
                exit[0] = 1;
            }
        };
        Thread thread = new Thread(group, body, "main", 8L << 20);
        thread.setContextClassLoader(loader);
        PrintStream oldOut = System.out, oldErr = System.err;
        Properties oldProperties = (Properties) System.getProperties().clone();
        programGroup = group;
        System.setOut(out);
        System.setErr(err);
        try {
            thread.start();
            long deadline = System.nanoTime() + (long) (timeout * 1e9);
            thread.join(Math.max(1, (long) (timeout * 1000)));
            // like the JVM, wait for the program's other non-daemon threads
            while (!thread.isAlive() && System.nanoTime() < deadline) {
                Thread[] threads = new Thread[group.activeCount() + 1];
                int n = group.enumerate(threads);
                Thread waitFor = null;
                for (int i = 0; i < n; i++) if (threads[i] != null && !threads[i].isDaemon() && threads[i].isAlive()) waitFor = threads[i];
                if (waitFor == null) break;
                waitFor.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            boolean stillRunning = thread.isAlive() || System.nanoTime() >= deadline && group.activeCount() > 0;
            out.flush();
            err.flush();
            if (stillRunning) return new String[]{"null", "true", "false", "restart"};
            return new String[]{String.valueOf(exit[0]), "false", "false", outOfMemory[0] ? "restart" : null};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setProperties(oldProperties);
            programGroup = null;
        }
    }

    static int report(Throwable cause, PrintStream err, boolean[] outOfMemory) {
        if (cause instanceof ExitCalled) return ((ExitCalled) cause).status;
        for (Throwable t = cause; t != null; t = t.getCause()) if (t instanceof ExitCalled) return ((ExitCalled) t).status;
        if (cause instanceof OutOfMemoryError) outOfMemory[0] = true;
        err.print("Exception in thread \"main\" ");
        cause.printStackTrace(err);
        return 1;
    }
}
