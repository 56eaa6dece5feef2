# lrcg warm worker for R (protocol: see py_forkserver.py; replies echo the request's "id").
# A fork server: each program runs in a child forked from this warm session (parallel::mcparallel), so
# nothing it assigns, redefines or loads reaches the next program. The child's output goes to the
# program's files through sink(); errors are printed as Rscript prints them, and quit()/q() end the
# program with their status instead of tearing down the session; the parent kills it on timeout.
suppressPackageStartupMessages(library(parallel))
options(warn = 0)

json_field <- function(line, name) {
  m <- regmatches(line, regexec(paste0('"', name, '": *("(([^"\\\\]|\\\\.)*)"|[-0-9.eE+]+|null|true|false)'), line))[[1]]
  if (length(m) == 0) return(NULL)
  if (startsWith(m[2], '"')) gsub('\\\\(.)', '\\1', m[3]) else m[2]
}

run_child <- function(dir, file) {
  setwd(dir)
  out <- file(".lrcg-stdout", open = "wt")
  err <- file(".lrcg-stderr", open = "wt")
  sink(out)
  sink(err, type = "message")
  exit_with <- function(status = 0L) {
    cond <- structure(class = c("lrcg_exit", "condition"), list(message = "exit", call = NULL, status = as.integer(status)))
    stop(cond)
  }
  fake_quit <- function(save = "default", status = 0, runLast = TRUE) exit_with(status)
  for (name in c("quit", "q")) {
    unlockBinding(name, baseenv())
    assign(name, fake_quit, envir = baseenv())
  }
  status <- 0L
  status <- tryCatch({
    withCallingHandlers(
      source(file.path(dir, file), local = globalenv(), print.eval = TRUE, echo = FALSE, keep.source = FALSE),
      warning = function(w) invisible(NULL))
    0L
  }, lrcg_exit = function(e) e$status, error = function(e) {
    call <- conditionCall(e)
    msg <- conditionMessage(e)
    top_level <- is.null(call) || identical(deparse(call)[1], "eval(ei, envir)")
    if (top_level || grepl("unexpected", msg)) {
      cat("Error: ", msg, "\n", sep = "", file = stderr())
    } else {
      cat("Error in ", paste(deparse(call), collapse = "\n"), " : ", msg, "\n", sep = "", file = stderr())
    }
    cat("Execution halted\n", file = stderr())
    1L
  })
  flush(out)
  flush(err)
  status
}

con <- file("stdin", open = "r")
protocol <- stdout()
repeat {
  line <- readLines(con, n = 1, warn = FALSE)
  if (length(line) == 0) break
  id <- json_field(line, "id")
  dir <- json_field(line, "dir")
  file <- json_field(line, "file")
  timeout <- as.numeric(json_field(line, "timeout"))
  job <- mcparallel(run_child(dir, file), silent = FALSE)
  res <- mccollect(job, wait = FALSE, timeout = timeout)
  code <- "null"
  timed_out <- "false"
  crashed <- "false"
  if (is.null(res)) {
    res <- mccollect(job, wait = FALSE, timeout = 0)
  }
  if (is.null(res)) {
    tools::pskill(job$pid, tools::SIGKILL)
    mccollect(job, wait = TRUE)
    timed_out <- "true"
  } else {
    value <- res[[1]]
    if (is.integer(value) && length(value) == 1) code <- as.character(value) else crashed <- "true"
  }
  cat(sprintf('{"id": "%s", "exit_code": %s, "timed_out": %s, "compile_failed": false, "crashed": %s}\n', id, code, timed_out, crashed),
      file = protocol)
  flush(protocol)
}
