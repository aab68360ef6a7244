#ifndef PDTUI_CNCURSESW_SHIM_H
#define PDTUI_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D flags, so the wide-character API must be asked for here.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/curses.h>

// Swift 6 refuses ncurses' mutable globals and cannot import its function-like macros.
static inline WINDOW *pd_stdscr(void) { return stdscr; }
static inline int pd_lines(void) { return LINES; }
static inline int pd_cols(void) { return COLS; }
static inline int pd_colors(void) { return COLORS; }
static inline int pd_color_pairs(void) { return COLOR_PAIRS; }
static inline void pd_set_escdelay(int ms) { set_escdelay(ms); }
static inline attr_t pd_a_bold(void) { return A_BOLD; }
static inline attr_t pd_a_dim(void) { return A_DIM; }
static inline attr_t pd_a_italic(void) { return A_ITALIC; }
static inline attr_t pd_a_underline(void) { return A_UNDERLINE; }
static inline attr_t pd_a_reverse(void) { return A_REVERSE; }
static inline SCREEN *pd_newterm(const char *term) { return newterm(term, stdout, stdin); }
static inline int pd_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}
// The colours TERM's terminfo entry declares, without starting curses (for `pdtui doctor`); -2 when the
// entry is missing. setupterm is term.h's, whose many short macros would leak into this header's callers.
int setupterm(const char *term, int fd, int *error);
static inline int pd_terminfo_colors(const char *term) {
    int error = 0;
    if (setupterm(term, STDOUT_FILENO, &error) != OK) return -2;
    return tigetnum("colors");
}
static inline void pd_getmaxyx(WINDOW *win, int *rows, int *cols) { getmaxyx(win, *rows, *cols); }

// Mouse: every button event, reported at once (no click interval: pdtui tells clicks from double-clicks
// itself); only presses of the first button and the wheel (buttons 4 and 5) are used. Releases are asked
// for too: ncurses drops an event outside the mask and then waits for the next input, past the read's
// timeout. Shift still selects text in most terminals.
static inline int pd_enable_mouse(int on) {
    mouseinterval(0);
    mmask_t wanted = on ? ALL_MOUSE_EVENTS : 0;
    return mousemask(wanted, NULL) == wanted ? OK : ERR;
}
// The pending mouse event after KEY_MOUSE: 1 a press, 4 the wheel up, 5 the wheel down, 0 anything else.
static inline int pd_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    // A press and its release read together may come as one click, though click resolution is off.
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 4;
    if (event.bstate & BUTTON5_PRESSED) return 5;
    return 0;
}

// Draws one grapheme (up to 8 code points) with attributes and an extended colour pair.
static inline int pd_put_cell(WINDOW *win, int y, int x, const wchar_t *text, attr_t attrs, int pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, 0, &pair) != OK) return ERR;
    return mvwadd_wch(win, y, x, &cell);
}

// Terminal safety on a crash: a signal handler may only use async-signal-safe calls, so it writes a
// reset sequence and restores the termios saved before curses started, then hands the signal on
// to the previous handler (Swift's backtracer) or the default action.
// (Swift does not import a header's static variables, so the storage lives inside functions.)
static inline struct termios *pd_saved_termios(int *have) {
    static struct termios saved;
    static int saved_ok = 0;
    if (have) { if (*have >= 0) saved_ok = *have; *have = saved_ok; }
    return &saved;
}

static inline struct sigaction *pd_previous(int sig) {
    static struct sigaction previous[32];
    return &previous[sig & 31];
}

static inline void pd_save_termios(void) {
    int ok = tcgetattr(STDIN_FILENO, pd_saved_termios(NULL)) == 0;
    pd_saved_termios(&ok);
}

static inline void pd_restore_tty(void) {
    static const char reset[] = "\033[0m\033[?25h\033[?1000l\033[?1002l\033[?1006l\033[?1049l\r\n";
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
    int have = -1;
    struct termios *saved = pd_saved_termios(&have);
    if (have) tcsetattr(STDIN_FILENO, TCSAFLUSH, saved);
}

static void pd_crash_handler(int sig) {
    pd_restore_tty();
    sigaction(sig, pd_previous(sig), NULL);
    raise(sig);
}

static const int pd_crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};

static inline void pd_install_crash_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = pd_crash_handler;
    sigemptyset(&sa.sa_mask);
    for (unsigned i = 0; i < sizeof pd_crash_signals / sizeof pd_crash_signals[0]; i++) {
        int sig = pd_crash_signals[i];
        sigaction(sig, &sa, pd_previous(sig));
    }
}
#endif
