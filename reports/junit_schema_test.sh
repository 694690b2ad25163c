#!/bin/sh
# reports.junit_schema: every fixture's JUnit rendering is valid against testdata/junit.xsd, and
# the schema does refuse a document that breaks it (so a pass means something).
#   junit_schema_test.sh RENDER_TOOL XSD WORKDIR          exit 77 (skipped) without xmllint
set -eu
tool=$1 xsd=$2 work=$3
command -v xmllint >/dev/null || { echo "xmllint not installed (Debian: libxml2-utils)"; exit 77; }
rm -rf "$work" && mkdir -p "$work"
"$tool" "$work"
for file in "$work"/*.junit.xml; do
  xmllint --noout --schema "$xsd" "$file"
done
# A testcase without its name must be refused.
sed '0,/<testcase name="[^"]*"/s//<testcase/' "$work/mixed.junit.xml" > "$work/broken.xml"
if xmllint --noout --schema "$xsd" "$work/broken.xml" 2>"$work/broken.log"; then
  echo "the schema accepted a testcase without a name"; exit 1
fi
grep -q "'name' is required" "$work/broken.log" || { cat "$work/broken.log"; exit 1; }
echo "junit schema: $(ls "$work"/*.junit.xml | wc -l) documents valid, a broken one refused"
