// Thin C wrappers over Debian's libedit (histedit.h) for the la REPL.
// Swift cannot call C variadic functions such as el_set and history, and
// libedit callbacks are plain C function pointers, so both live here.
#ifndef LA_CEDIT_SHIM_H
#define LA_CEDIT_SHIM_H

#include <stdio.h>
#include <string.h>
#include <histedit.h>

/// What the Swift side shares with the editor callbacks, reached through
/// EL_CLIENTDATA so that no global state is needed.
typedef struct {
    /// The prompt shown before the next line ("la> " or "... ").
    const char *prompt;
    /// Set by Ctrl-C: the line being edited is to be discarded.
    int cancelled;
} la_edit_state;

static inline la_edit_state *la_edit_state_of(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return (la_edit_state *)data;
}

static inline char *la_edit_prompt(EditLine *el) {
    la_edit_state *state = la_edit_state_of(el);
    return (char *)(state && state->prompt ? state->prompt : "");
}

/// Ctrl-C while editing: mark the line cancelled, then finish it with a
/// newline so libedit leaves the cursor on a fresh line.
static inline unsigned char la_edit_cancel_line(EditLine *el, int ch) {
    (void)ch;
    la_edit_state *state = la_edit_state_of(el);
    if (state) state->cancelled = 1;
    const LineInfo *line = el_line(el);
    el_cursor(el, (int)(line->lastchar - line->cursor));
    el_push(el, "\n");
    return CC_REFRESH;
}

/// An emacs-style editor on the standard streams with history `hist`.
/// Ctrl-C is read as a key (the terminal's ISIG is off while editing).
static inline EditLine *la_edit_open(const char *program, History *hist, la_edit_state *state) {
    EditLine *el = el_init(program, stdin, stdout, stderr);
    if (!el) return NULL;
    el_set(el, EL_CLIENTDATA, (void *)state);
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_PROMPT, la_edit_prompt);
    el_set(el, EL_HIST, history, hist);
    el_set(el, EL_SETTY, "-d", "-isig", NULL);
    el_set(el, EL_ADDFN, "la-cancel-line", "Discard the line being edited", la_edit_cancel_line);
    el_set(el, EL_BIND, "^C", "la-cancel-line", NULL);
    return el;
}

/// A history keeping at most `size` entries, without consecutive duplicates.
static inline History *la_history_open(int size) {
    History *hist = history_init();
    if (!hist) return NULL;
    HistEvent event;
    history(hist, &event, H_SETSIZE, size);
    history(hist, &event, H_SETUNIQUE, 1);
    return hist;
}

static inline int la_history_enter(History *hist, const char *line) {
    HistEvent event;
    return history(hist, &event, H_ENTER, line);
}

static inline int la_history_load(History *hist, const char *path) {
    HistEvent event;
    return history(hist, &event, H_LOAD, path);
}

static inline int la_history_save(History *hist, const char *path) {
    HistEvent event;
    return history(hist, &event, H_SAVE, path);
}

#endif
