#lang racket/base
;; lrcg warm worker for Racket (protocol: see py_forkserver.py; replies echo the request's "id").
;; Each program is required as a module into a fresh namespace, in a thread under its own custodian
;; (killed afterwards: threads, ports, memory), with stdout/stderr to the program's files, `exit`
;; caught, a wall-clock timeout and a memory limit. `racket` and `rackunit` are instantiated once and
;; attached to every fresh namespace, which is where the start-up time goes in process mode.
(require json racket/port ffi/unsafe/vm)

;; Expanding and compiling a program allocates ~30 MB that dies young; Racket CS's default 8 MB
;; allocation trip between minor collections spent ~10 ms a program in GC, a 32 MB trip halves that.
(vm-eval '(collect-trip-bytes (* 32 1024 1024)))

(define shared-modules '(racket rackunit racket/lang/reader racket/runtime-config))
(for ([m shared-modules]) (with-handlers ([void void]) (dynamic-require m #f)))
(define worker-namespace (current-namespace))
(define protocol-out (current-output-port))
(define memory-limit-bytes (* 2048 1024 1024))

(define (fresh-namespace)
  (define ns (make-base-empty-namespace))
  (for ([m shared-modules])
    (with-handlers ([void void]) (namespace-attach-module worker-namespace m ns)))
  ns)

(define (run-program dir file timeout)
  (define path (build-path dir file))
  (define out (open-output-file (build-path dir ".lrcg-stdout") #:exists 'truncate))
  (define err (open-output-file (build-path dir ".lrcg-stderr") #:exists 'truncate))
  (define cust (make-custodian))
  (define exit-code #f)   ; set when the program finishes or calls exit
  (define ns (fresh-namespace))
  (custodian-limit-memory cust memory-limit-bytes cust)
  (define th
    (parameterize ([current-custodian cust])
      (thread
       (lambda ()
         (let/ec escape
           (parameterize ([current-namespace ns]
                          [current-output-port out]
                          [current-error-port err]
                          [current-input-port (open-input-string "")]
                          [current-directory dir]
                          [current-load-relative-directory dir]
                          [current-command-line-arguments (vector)]
                          [current-environment-variables
                           (environment-variables-copy (current-environment-variables))]
                          [exit-handler (lambda (v)
                                          (set! exit-code (if (and (exact-integer? v) (<= 0 v 255)) v 0))
                                          (escape (void)))])
             (with-handlers ([(lambda (e) #t)
                              (lambda (e)
                                ((error-display-handler) (if (exn? e) (exn-message e) (format "uncaught exception: ~e" e)) e)
                                (set! exit-code 1))])
               (define mod `(file ,(path->string path)))
               (when (module-declared? `(submod ,mod configure-runtime) #t)
                 (dynamic-require `(submod ,mod configure-runtime) #f))
               (dynamic-require mod #f)
               (when (module-declared? `(submod ,mod main) #t)
                 (dynamic-require `(submod ,mod main) #f))
               (set! exit-code 0))))
         (flush-output out)
         (flush-output err)))))
  (define finished (sync/timeout timeout th))
  (custodian-shutdown-all cust)
  (define timed-out (not finished))
  (when (and finished (not exit-code))  ; killed from outside the program: the memory limit
    (with-handlers ([void void])
      (write-string "out of memory (lrcg warm worker: custodian memory limit)\n" err))
    (set! exit-code 1))
  (close-output-port out)
  (close-output-port err)
  (values (if timed-out 'null exit-code) timed-out))

(let loop ()
  (define line (read-line (current-input-port) 'linefeed))
  (unless (eof-object? line)
    (define req (string->jsexpr line))
    (define-values (code timed-out)
      (run-program (hash-ref req 'dir) (hash-ref req 'file) (hash-ref req 'timeout)))
    (collect-garbage 'minor)
    (write-json (hasheq 'id (hash-ref req 'id) 'exit_code code 'timed_out timed-out 'compile_failed #f)
                protocol-out)
    (newline protocol-out)
    (flush-output protocol-out)
    (loop)))
