#ifndef VALVONTA_CLIBXML2_SHIM_H
#define VALVONTA_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Debian's libxml2 2.9 headers pull in the system ICU, which clashes with
   Foundation's bundled ICU in any module importing both. */
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/SAX2.h>

/* xmlFree is a mutable global that Swift 6 rejects; wrap it. */
static inline void valvonta_xmlFree(void *p) { xmlFree(p); }

#endif
