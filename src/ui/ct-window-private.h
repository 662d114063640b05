/* ct-window-private.h: what the parts of the window in other files (ct-window-exchange.c) share
 * with ct-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ct-window.h"

G_BEGIN_DECLS

typedef struct _CtWindowExchange CtWindowExchange;

/* ct-window.c */
AdwToastOverlay  *ct_window_get_toast_overlay      (CtWindow         *self);
CtWindowExchange *ct_window_get_exchange           (CtWindow         *self);

/* ct-window-exchange.c: import, export and drops. Called from ct_window_class_init(),
 * ct_window_init(), ct_window_set_store() and ct_window_dispose(). */
void              ct_window_exchange_class_init    (GtkWidgetClass   *widget_class);
CtWindowExchange *ct_window_exchange_new           (CtWindow         *window);
void              ct_window_exchange_store_changed (CtWindowExchange *self);
/* The window is going: imports not started yet are cancelled; the running one finishes (and
 * keeps the application) but shows nothing */
void              ct_window_exchange_free          (CtWindowExchange *self);

G_END_DECLS
