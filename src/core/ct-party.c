/* ct-party.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ct-model.h"
#include "ct-party.h"

G_DEFINE_BOXED_TYPE (CtParty, ct_party, ct_party_copy, ct_party_free)

CtParty *
ct_party_new (const char *city,
              const char *signed_name)
{
  CtParty *party = g_new0 (CtParty, 1);

  party->city = g_strdup (city);
  party->signed_name = g_strdup (signed_name);
  return party;
}

CtParty *
ct_party_copy (const CtParty *party)
{
  return ct_party_new (party->city, party->signed_name);
}

void
ct_party_free (CtParty *party)
{
  if (party == NULL)
    return;
  g_free (party->city);
  g_free (party->signed_name);
  g_free (party);
}

gboolean
ct_party_array_equal (GPtrArray *a,
                      GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const CtParty *pa = g_ptr_array_index (a, i);
      const CtParty *pb = g_ptr_array_index (b, i);

      if (!ct_str_equal0 (pa->city, pb->city) ||
          !ct_str_equal0 (pa->signed_name, pb->signed_name))
        return FALSE;
    }

  return TRUE;
}
