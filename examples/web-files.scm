;;; web-files.scm --- a static file server on (web server).
;;;
;;; Usage: schemeth examples/web-files.scm [PORT [ROOT]]   (default 8080 and ".")
;;; Try:   curl -i http://127.0.0.1:8080/README.md
;;;        curl -i http://127.0.0.1:8080/examples/
;;;
;;; Serves the files under ROOT with a content type chosen by extension;
;;; a directory is served as its index.html, or else as a listing.  Only
;;; GET and HEAD are allowed (405 otherwise).  Nothing outside ROOT is ever
;;; served: the request path is decoded first (so %2e%2e is `..'), a path
;;; with a `.' or `..' segment or an encoded slash is refused with 403, and
;;; so is a file whose real location -- after following symbolic links --
;;; is not under ROOT.  Missing files are 404.

(use-modules (web server) (web request) (web response) (web uri)
             (ice-9 binary-ports) (rnrs bytevectors) (srfi srfi-1))

(define *content-types*
  '(("html" . text/html) ("htm" . text/html) ("css" . text/css) ("txt" . text/plain)
    ("md" . text/plain) ("scm" . text/plain) ("py" . text/plain)
    ("js" . application/javascript) ("json" . application/json) ("xml" . application/xml)
    ("png" . image/png) ("jpg" . image/jpeg) ("jpeg" . image/jpeg) ("gif" . image/gif)
    ("svg" . image/svg+xml) ("ico" . image/x-icon) ("pdf" . application/pdf)))

(define (content-type file)
  "The media type of FILE, from its extension."
  (let ((dot (string-rindex file #\.)))
    (or (and dot
             (assoc-ref *content-types* (string-downcase (substring file (+ dot 1)))))
        'application/octet-stream)))

;;; Responses

(define (text-response code text . headers)
  (values (build-response #:code code #:headers `((content-type . (text/plain)) ,@headers))
          text))

(define (not-found path) (text-response 404 (string-append "Not found: " path "\n")))
(define (forbidden path) (text-response 403 (string-append "Forbidden: " path "\n")))

(define (html-escape s)
  (call-with-output-string
    (lambda (port)
      (string-for-each (lambda (c)
                         (case c
                           ((#\<) (display "&lt;" port))
                           ((#\>) (display "&gt;" port))
                           ((#\&) (display "&amp;" port))
                           ((#\") (display "&quot;" port))
                           (else (write-char c port))))
                       s))))

(define (directory-entries dir)
  "The names in DIR other than `.' and `..', sorted, as (name . directory?) pairs."
  (let ((stream (opendir dir)))
    (let lp ((entries '()))
      (let ((name (readdir stream)))
        (cond ((eof-object? name)
               (closedir stream)
               (sort entries (lambda (a b) (string<? (car a) (car b)))))
              ((member name '("." "..")) (lp entries))
              (else
               (let ((st (stat (string-append dir "/" name) #f)))
                 (lp (acons name (and st (eq? (stat:type st) 'directory)) entries)))))))))

(define (listing dir path)
  "An HTML page listing directory DIR, served at PATH."
  (values
   '((content-type . (text/html)))
   (string-append
    "<!DOCTYPE html>\n<html><head><title>Index of " (html-escape path) "</title></head>\n"
    "<body><h1>Index of " (html-escape path) "</h1>\n<ul>\n"
    (string-concatenate
     (map (lambda (entry)
            (let ((slash (if (cdr entry) "/" "")))
              (string-append "<li><a href=\"" (uri-encode (car entry)) slash "\">"
                             (html-escape (car entry)) slash "</a></li>\n")))
          (directory-entries dir)))
    "</ul></body></html>\n")))

(define (file-contents file)
  (let* ((port (open-file file "rb"))
         (bytes (get-bytevector-all port)))
    (close-port port)
    (if (eof-object? bytes) #vu8() bytes)))

(define (serve-file file path)
  (catch 'system-error
    (lambda ()
      (values `((content-type . (,(content-type file)))) (file-contents file)))
    (lambda args (forbidden path))))

;;; Resolving request paths

(define (safe-segment? segment)
  (not (or (member segment '("." ".."))
           (string-index segment #\/)
           (string-index segment #\nul))))

(define (inside-root? root real)
  "Is the real (canonical) file name REAL under the directory ROOT?"
  (or (string=? real root)
      (string-prefix? (if (string-suffix? "/" root) root (string-append root "/")) real)))

(define (serve root file path)
  "Serve FILE, at PATH in the request, if it exists and really lies under ROOT."
  (let ((st (stat file #f)))
    (cond
     ((not st) (not-found path))
     ((not (inside-root? root (canonicalize-path file))) (forbidden path))
     ((eq? (stat:type st) 'regular) (serve-file file path))
     ((not (eq? (stat:type st) 'directory)) (forbidden path))
     ((not (string-suffix? "/" path))
      (text-response 301 "Moved\n"
                     `(location . ,(build-uri-reference #:path (string-append path "/")))))
     ((stat (string-append file "/index.html") #f)
      (serve root (string-append file "/index.html") path))
     (else (listing file path)))))

(define (make-handler root)
  (lambda (request body)
    (let* ((path (uri-path (request-uri request)))
           (segments (split-and-decode-uri-path path)))
      (cond
       ((not (memq (request-method request) '(GET HEAD)))
        (text-response 405 "Only GET and HEAD are allowed\n" '(allow GET HEAD)))
       ((not (every safe-segment? segments)) (forbidden path))
       (else (serve root (string-append root "/" (string-join segments "/")) path))))))

(define args (command-line))
(define port (if (> (length args) 1) (string->number (cadr args)) 8080))
(define root (canonicalize-path (if (> (length args) 2) (caddr args) ".")))

(run-server (make-handler root) 'ethreads `(#:port ,port))
