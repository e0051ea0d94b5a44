package org.qatlas.stdlib.plot;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** An SVG document parsed as XML (failing the test if it is not well-formed), and its texts. */
final class SvgDocument {
    final Document document;

    SvgDocument(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // Tests run offline: a DOCTYPE must not send the parser to w3.org.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    String rootName() {
        return document.getDocumentElement().getLocalName();
    }

    /** The content of every text element, in document order. */
    List<String> texts() {
        NodeList nodes = document.getElementsByTagNameNS("*", "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }
}
