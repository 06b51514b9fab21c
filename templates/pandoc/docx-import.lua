-- unres import X.docx (pipeline/importer/docxsource.py): pandoc's reading of a Word document
-- (-f docx+styles) brought to the text the importer reads. A paragraph style's div is unwrapped,
-- and a quotation's ("Quote", "UN Quote", "Intense Quote" …) becomes a block quote: the importer
-- reads "> …" as a quoted block. A character style's span is unwrapped, but a note's own mark
-- (a draft's sponsor note, "*", in the "Footnote Reference" style) stays raised, as Word prints
-- it. Links are their words (unres links every symbol it prints); a link inside the document (a
-- note called again, by cross-reference: "[^1^](#RefNote1)") is kept for the importer's reading.

local function style(el)
  local s = el.attributes["custom-style"]
  return s and s:lower() or nil
end

function Div(el)
  local s = style(el)
  if s == nil then
    return nil
  end
  if s:find("quote", 1, true) then
    if #el.content == 1 and el.content[1].t == "BlockQuote" then
      return el.content -- pandoc reads Word's own "Quote" style as a block quote already
    end
    return pandoc.BlockQuote(el.content)
  end
  return el.content
end

function Span(el)
  local s = style(el)
  if s ~= nil and s:find("note reference", 1, true) then
    return pandoc.Superscript(el.content)
  end
  return el.content
end

function Link(el)
  if el.target:sub(1, 1) == "#" then
    return nil
  end
  return el.content
end
