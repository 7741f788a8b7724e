;;; (sxml simple) --- XML as S-expressions: writing SXML out and reading XML in

;;; Commentary:
;;;
;;; SXML writes an element as (name (@ (attr "value") ...) child ...); a
;;; document is (*TOP* child ...) and a processing instruction is
;;; (*PI* target "data").  `sxml->xml' prints such a tree as XML text with
;;; the characters that need it escaped; `sxml->string' keeps only the
;;; text.  `xml->sxml' parses XML -- elements, attributes, character and
;;; entity references, CDATA, comments, processing instructions, a
;;; doctype (skipped) -- into SXML, names in a namespace becoming URI:NAME
;;; as Guile's parser makes them.
;;;
;;; Code:

(define-module (sxml simple)
  #:use-module (ice-9 rdelim)
  #:use-module ((srfi srfi-1) #:select (fold))
  #:export (sxml->xml sxml->string xml->sxml))

;;; Writing

(define (escaped-text str port quote?)
  "Write STR to PORT with & < > (and \" when QUOTE?) escaped."
  (string-for-each
   (lambda (c)
     (case c
       ((#\&) (display "&amp;" port))
       ((#\<) (display "&lt;" port))
       ((#\>) (display "&gt;" port))
       ((#\") (display (if quote? "&quot;" "\"") port))
       (else (write-char c port))))
   str))

(define (atom->string x)
  (if (string? x) x (with-output-to-string (lambda () (display x)))))

(define (write-attributes attrs port)
  (for-each (lambda (attr)
              (display " " port)
              (display (car attr) port)
              (display "=\"" port)
              (escaped-text (atom->string (if (pair? (cdr attr)) (cadr attr) (cdr attr))) port #t)
              (display "\"" port))
            attrs))

(define (write-element tag body port)
  (let* ((attrs (if (and (pair? body) (pair? (car body)) (eq? (caar body) '@)) (cdar body) '()))
         (children (if (null? attrs) (strip-empty-attributes body) (cdr body))))
    (display "<" port)
    (display tag port)
    (write-attributes attrs port)
    (if (null? children)
        (display " />" port)
        (begin
          (display ">" port)
          (for-each (lambda (child) (write-node child port)) children)
          (display "</" port)
          (display tag port)
          (display ">" port)))))

(define (strip-empty-attributes body)
  "BODY without a leading (@) with no attributes."
  (if (and (pair? body) (equal? (car body) '(@))) (cdr body) body))

(define (write-node node port)
  (cond ((pair? node)
         (cond ((eq? (car node) '*TOP*) (for-each (lambda (n) (write-node n port)) (cdr node)))
               ((eq? (car node) '*PI*)
                (display "<?" port)
                (display (cadr node) port)
                (display " " port)
                (display (caddr node) port)
                (display "?>" port))
               ((symbol? (car node)) (write-element (car node) (cdr node) port))
               (else (for-each (lambda (n) (write-node n port)) node))))
        ((null? node) #t)
        (else (escaped-text (atom->string node) port #f))))

(define* (sxml->xml tree #:optional (port (current-output-port)))
  "Write TREE, an SXML document or node, to PORT as XML."
  (write-node tree port))

(define (sxml->string sxml)
  "The text of SXML: its strings (and other atoms) in order, without tags or attributes."
  (with-output-to-string
    (lambda ()
      (let walk ((node sxml))
        (cond ((pair? node)
               (cond ((memq (car node) '(@ *PI* *COMMENT*)) #t)
                     ((symbol? (car node)) (for-each walk (cdr node)))
                     (else (for-each walk node))))
              ((null? node) #t)
              (else (display node)))))))

;;; Reading

(define (xml-error what at)
  (throw 'parser-error (format #f "xml->sxml: ~a at character ~a" what at)))

(define (name-char? c)
  (or (char-alphabetic? c) (char-numeric? c) (memv c '(#\- #\_ #\. #\:))))

(define (parse-xml text trim?)
  "The SXML children of the XML document TEXT, in order."
  (define len (string-length text))
  (define (at i) (if (< i len) (string-ref text i) #\nul))
  (define (starts? i prefix)
    (let ((end (+ i (string-length prefix))))
      (and (<= end len) (string=? (substring text i end) prefix))))
  (define (find i str)
    (let ((hit (string-contains text str i)))
      (or hit (xml-error (string-append "missing " str) i))))
  (define (skip-space i)
    (if (and (< i len) (char-whitespace? (at i))) (skip-space (+ i 1)) i))
  (define (read-name i)
    (let lp ((j i))
      (if (and (< j len) (name-char? (at j)))
          (lp (+ j 1))
          (if (= j i) (xml-error "name expected" i) (values (string->symbol (substring text i j)) j)))))
  (define (decode str start)
    "STR with its character and entity references replaced."
    (let ((amp (string-index str #\&)))
      (if (not amp)
          str
          (let* ((semi (or (string-index str #\; amp) (xml-error "unterminated reference" start)))
                 (ref (substring str (+ amp 1) semi))
                 (ch (cond ((string=? ref "lt") "<") ((string=? ref "gt") ">")
                           ((string=? ref "amp") "&") ((string=? ref "quot") "\"")
                           ((string=? ref "apos") "'")
                           ((string-prefix? "#x" ref)
                            (string (integer->char (string->number (substring ref 2) 16))))
                           ((string-prefix? "#" ref)
                            (string (integer->char (string->number (substring ref 1)))))
                           (else (xml-error (string-append "unknown entity " ref) start)))))
            (string-append (substring str 0 amp) ch
                           (decode (substring str (+ semi 1)) start))))))
  (define (read-attributes i)
    "-> (values attributes index after the tag's name part)"
    (let lp ((i (skip-space i)) (attrs '()))
      (if (memv (at i) '(#\> #\/ #\?))
          (values (reverse attrs) i)
          (call-with-values (lambda () (read-name i))
            (lambda (name j)
              (let* ((j (skip-space j))
                     (_ (unless (eqv? (at j) #\=) (xml-error "= expected" j)))
                     (q (skip-space (+ j 1)))
                     (quote-char (at q))
                     (_ (unless (memv quote-char '(#\" #\')) (xml-error "quoted value expected" q)))
                     (end (find (+ q 1) (string quote-char))))
                (lp (skip-space (+ end 1))
                    (cons (list name (decode (substring text (+ q 1) end) q)) attrs))))))))
  (define (namespace-declarations attrs ns)
    "NS extended with the xmlns declarations among ATTRS (\"\" names the default namespace)."
    (fold (lambda (attr ns)
            (let ((name (symbol->string (car attr))))
              (cond ((string=? name "xmlns") (acons "" (cadr attr) ns))
                    ((string-prefix? "xmlns:" name) (acons (substring name 6) (cadr attr) ns))
                    (else ns))))
          ns attrs))
  (define (resolve name ns default? i)
    "NAME with its namespace prefix (or, when DEFAULT?, the default namespace) replaced by its URI."
    (let* ((str (symbol->string name))
           (colon (string-index str #\:))
           (prefix (if colon (substring str 0 colon) ""))
           (uri (assoc-ref ns prefix)))
      (cond ((and colon (not uri)) (xml-error (string-append "undeclared namespace prefix " prefix) i))
            ((and uri (or colon default?))
             (string->symbol (string-append uri ":" (if colon (substring str (+ colon 1)) str))))
            (else name))))
  (define (element-head name attrs ns i)
    (let ((plain (filter (lambda (attr)
                           (let ((n (symbol->string (car attr))))
                             (not (or (string=? n "xmlns") (string-prefix? "xmlns:" n)))))
                         attrs)))
      (cons (resolve name ns #t i)
            (if (null? plain)
                '()
                (list (cons '@ (map (lambda (attr) (cons (resolve (car attr) ns #f i) (cdr attr)))
                                    plain)))))))
  (define (text-node str)
    (if (and trim? (string-every char-whitespace? str)) '() (list str)))
  ;; -> (values children index) reading up to the closing tag of CLOSING (#f at top level),
  ;; with the namespace declarations NS in scope
  (define (read-content i closing ns)
    (let lp ((i i) (out '()))
      (cond
       ((>= i len)
        (if closing (xml-error (format #f "missing </~a>" closing) i) (values (reverse out) i)))
       ((starts? i "</")
        (call-with-values (lambda () (read-name (+ i 2)))
          (lambda (name j)
            (unless (eq? name closing) (xml-error (format #f "unexpected </~a>" name) i))
            (values (reverse out) (+ (find j ">") 1)))))
       ((starts? i "<!--") (lp (+ (find (+ i 4) "-->") 3) out))
       ((starts? i "<![CDATA[")
        (let ((end (find (+ i 9) "]]>")))
          (lp (+ end 3) (cons (substring text (+ i 9) end) out))))
       ((starts? i "<!") (lp (+ (find i ">") 1) out))
       ((starts? i "<?")
        (call-with-values (lambda () (read-name (+ i 2)))
          (lambda (target j)
            (let ((end (find j "?>")))
              (lp (+ end 2)
                  (cons (list '*PI* target (substring text (skip-space j) end)) out))))))
       ((eqv? (at i) #\<)
        (call-with-values (lambda () (read-name (+ i 1)))
          (lambda (name j)
            (call-with-values (lambda () (read-attributes j))
              (lambda (attrs j)
                (let* ((ns (namespace-declarations attrs ns))
                       (head (element-head name attrs ns i)))
                  (if (starts? j "/>")
                      (lp (+ j 2) (cons head out))
                      (call-with-values (lambda () (read-content (+ j 1) name ns))
                        (lambda (children k)
                          (lp k (cons (append head children) out)))))))))))
       (else
        (let* ((end (or (string-index text #\< i) len))
               (str (decode (substring text i end) i)))
          (lp end (append (reverse (text-node str)) out)))))))
  (call-with-values (lambda () (read-content 0 #f '()))
    (lambda (children end) children)))

(define* (xml->sxml #:optional (string-or-port (current-input-port))
                    #:key namespaces declare-namespaces? trim-whitespace? entities
                    default-entity-handler)
  "Parse the XML of STRING-OR-PORT into an SXML document (*TOP* ...).  Whitespace-only text is
dropped when TRIM-WHITESPACE?; at top level it always is."
  (let* ((text (if (string? string-or-port)
                   string-or-port
                   (read-delimited "" string-or-port)))
         (children (parse-xml (if (eof-object? text) "" text) trim-whitespace?)))
    (cons '*TOP* (filter (lambda (c) (not (and (string? c) (string-every char-whitespace? c))))
                         children))))

;;; simple.scm ends here
