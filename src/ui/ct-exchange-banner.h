/* ct-exchange-banner.h: the bar under the header bar that shows an import or export at work
 * (file, progress, Cancel), or what dropping files on the window will do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CT_TYPE_EXCHANGE_BANNER (ct_exchange_banner_get_type ())

G_DECLARE_FINAL_TYPE (CtExchangeBanner, ct_exchange_banner, CT, EXCHANGE_BANNER, GtkWidget)

GtkWidget  *ct_exchange_banner_new           (void);

/* An import or export: the title ("Importing “x.csv”…"), a fraction (negative: unknown, the bar
 * pulses) and a detail under it ("Reading the file: 42 %"); can_cancel shows Cancel */
void        ct_exchange_banner_show_progress (CtExchangeBanner *self,
                                              const char       *icon_name,
                                              const char       *title,
                                              double            fraction,
                                              const char       *detail,
                                              gboolean          can_cancel);
/* Cancel was pressed: the button goes insensitive and the detail says so */
void        ct_exchange_banner_set_cancelling (CtExchangeBanner *self);
/* Files are dragged over the window */
void        ct_exchange_banner_show_drop_hint (CtExchangeBanner *self);
void        ct_exchange_banner_hide          (CtExchangeBanner *self);
gboolean    ct_exchange_banner_is_shown      (CtExchangeBanner *self);

/* For tests */
const char *ct_exchange_banner_get_title     (CtExchangeBanner *self);
const char *ct_exchange_banner_get_detail    (CtExchangeBanner *self);
double      ct_exchange_banner_get_fraction  (CtExchangeBanner *self);
GtkWidget  *ct_exchange_banner_get_cancel_button (CtExchangeBanner *self);

G_END_DECLS
