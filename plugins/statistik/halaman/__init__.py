"""The plugin's pages: office (kantor), monthly report (bulanan) and public (publik), one module each."""
