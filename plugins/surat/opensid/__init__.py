"""Importing the letter templates of an OpenSID installation as Balai letter types.

OpenSID keeps its letters as TinyMCE HTML with ``[placeholder]`` codes plus their form fields, requirements, paper
and margins; its "Ekspor" button (Pengaturan Surat) writes them as a JSON array, the same format OpenSID ships its
own templates in (``assets/import/template_surat_tinymce.json``). The modules, in the order a file goes through them:

- ``berkas``: read and check the JSON (a file that is not such an export is refused with what is wrong);
- ``aman``: refuse HTML that would reach outside the letter (scripts, pictures or objects naming a file or an
  address), then sanitise what is left to what letters use (nh3);
- ``bingkai``: drop OpenSID's own frame (title, number, signature table, QR), which Balai's layout prints itself;
- ``kode`` and ``isian``: each code becomes a Balai template expression, each form field a Balai field;
- ``ubah``: one template into one letter type (paper, margins, validity, requirements, persons) with its report;
- ``terapkan``: the report of a whole file, and applying the chosen templates in one transaction.

The mapping is documented for operators in docs/id/surat-opensid.md.
"""
